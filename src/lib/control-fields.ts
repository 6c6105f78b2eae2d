/**
 * The names of a form's control fields: everything a form posts besides the answers. Names
 * starting with "_" never reach the schemas (see form-values.ts), so an answer can never be
 * mistaken for a button or a spam-guard token; the honeypot is the one exception (see below).
 * The islands, the pages, the actions, the spam guard and the tests all read them from here.
 */
export const CONTROL_FIELDS = {
	/** "Change" on the check page; its value names the step to go back to. */
	change: '_change',
	/** "Check your answers": validate and show the check page. */
	review: '_review',
	/** "Send" on the check page (and on the question step). */
	confirm: '_confirm',
	/** Signed time the form was first shown (spam guard: minimum fill time). */
	started: '_started',
	/** The island's solved proof-of-work challenge. */
	pow: '_pow',
	/** The question step's signed question and the visitor's answer. */
	question: '_question',
	answer: '_answer',
	/**
	 * The honeypot: a field people never see or fill in (it is hidden and says to leave it
	 * empty). Its name tempts form-filling bots but is in no autofill vocabulary: browsers fill
	 * fields whose name looks like a name, e-mail, phone, address, company or postcode even with
	 * `autocomplete="off"`, so never give it such a name. Not an answer, so never an answer field.
	 */
	honeypot: 'comment',
} as const;

/** Control fields a page sends back as they came: when the form was first shown, the solved challenge, a filled-in honeypot. */
export const CARRIED_FIELDS = [
	CONTROL_FIELDS.started,
	CONTROL_FIELDS.pow,
	CONTROL_FIELDS.honeypot,
] as const;
