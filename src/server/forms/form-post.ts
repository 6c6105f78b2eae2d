/**
 * The path every form's post takes, written once for both forms. It detects the events in this
 * order, and the flow's table (lib/concern-flow.ts, lib/booking-flow.ts) says which state each
 * leads to:
 *   "Change" pressed → change; answers the schema refuses → invalid; the form's own server checks
 *   (the office serves the area, the slot is free, …) → their outcome; not yet confirmed →
 *   unconfirmed ("check your answers"); the spam guard: not our form → invalid, the question
 *   step → ask, a used solution → askAgain; then the form stores it → its outcome; the store
 *   failing → failed.
 * It runs in the server before Astro (see answer-form.ts), so it reads content from the content
 * folder, never from `astro:content`.
 */
import { CARRIED_FIELDS, CONTROL_FIELDS } from '../../lib/control-fields.ts';
import type { Office, Site } from '../../lib/content-schemas.ts';
import { fieldErrors, type FieldErrors } from '../../lib/form-errors.ts';
import type { Flow, FlowEvent } from '../../lib/form-flow.ts';
import { formValues, type FormFields, type FormValues } from '../../lib/form-values.ts';
import type { Locale } from '../../lib/locales.ts';
import type { Services } from '../services.ts';
import type { Question, UsedToken } from '../spam-guard.ts';

/**
 * Control fields a page sends back as they came: when the form was first shown, the solved
 * challenge, and a filled-in honeypot (so a review step in between does not wash it out).
 */
export type Carried = Record<string, string>;

/**
 * The answer to a post: its state, the answers as posted (shown again), the carried control
 * fields, and what the state needs besides (`Extra[state]`).
 */
export type Answer<State extends string, Extra extends Partial<Record<State, object>>> = {
	[S in State]: { state: S; values: FormValues; carry: Carried } & (S extends keyof Extra
		? Extra[S]
		: unknown);
}[State];

/** What the question step needs. */
export interface Asked {
	question: Question;
}

/** An event and what its state needs. */
export type Outcome = { event: FlowEvent } & Record<string, unknown>;

/** What the forms need of the content: the offices of the configured countries. */
export interface FormContent {
	features: Site['features'];
	offices: readonly (Office & { id: string })[];
}

/** The request a post came with. */
export interface PostRequest {
	services: Services;
	content: FormContent;
	/** Who is asking, as the limits count it. */
	client: string;
	/** The page's language (from its address, one the deployment offers). */
	locale: Locale;
	/** The visitor's words for 0–10 (the page's language), so "sieben" counts as well as "7". */
	numberWords: readonly string[];
}

/** What a form's own checks and its store may look at. */
export interface Post extends PostRequest {
	/** "Send" was pressed (on the check page or the question step). */
	confirmed: boolean;
}

export interface FormPost<Data extends { locale: Locale }, Checked> {
	/** Names the form in the log. */
	name: 'notify' | 'book';
	/** A form switched off in content/site.yaml accepts nothing, as if it did not exist. */
	feature: 'notify' | 'consultation';
	flow: Flow<string, string>;
	schema: {
		safeParse(
			values: FormValues,
		):
			| { success: true; data: Data }
			| { success: false; error: { issues: Parameters<typeof fieldErrors>[0] } };
	};
	/** Fields that may be sent several times (checkboxes). */
	listFields: readonly string[];
	/** Added to every answer (the booking's personal-data findings). */
	annotate?(values: FormValues): object;
	/** The form's own checks once the answers are valid: an outcome ends the post, `pass` hands what was found to `store`. */
	check(data: Data, post: Post): Promise<Outcome | { pass: Checked }>;
	/** Stores what the spam guard let through: `stored`, or why not. */
	store(data: Data, checked: Checked, token: UsedToken, post: Post): Promise<Outcome>;
}

/** A form that is not as our pages send it (a damaged control field, another page's language). */
export const notOurForm: Outcome = {
	event: 'invalid',
	errors: { _form: { key: 'error.form' } } satisfies FieldErrors,
};

function carried(form: FormFields): Carried {
	const carry: Carried = {};
	for (const name of CARRIED_FIELDS) {
		const value = form.get(name);
		if (typeof value === 'string' && value !== '') carry[name] = value;
	}
	return carry;
}

/** The form's answer to the post: the state its flow leads to from the event that ended it. */
export async function handlePost<Data extends { locale: Locale }, Checked>(
	form: FormPost<Data, Checked>,
	data: FormFields,
	request: PostRequest,
): Promise<{ state: string }> {
	const values = formValues(data, form.listFields);
	const base = { values, carry: carried(data), ...form.annotate?.(values) };
	const on: Partial<Record<FlowEvent, string>> = form.flow.on;
	const answer = ({ event, ...rest }: Outcome) => {
		const state = on[event];
		if (!state) throw new Error(`${form.name}: the flow has no state for "${event}"`);
		return { ...base, ...rest, state };
	};

	if (data.has(CONTROL_FIELDS.change)) return answer({ event: 'change' });
	const parsed = form.schema.safeParse(values);
	if (!parsed.success)
		return answer({ event: 'invalid', errors: fieldErrors(parsed.error.issues) });
	// The hidden field is the page's language: e-mails are written in it, so it must be one this
	// deployment offers – the page's own.
	if (parsed.data.locale !== request.locale) return answer(notOurForm);
	const post: Post = { ...request, confirmed: data.has(CONTROL_FIELDS.confirm) };
	try {
		const checked = await form.check(parsed.data, post);
		if ('event' in checked) return answer(checked);
		if (!post.confirmed) return answer({ event: 'unconfirmed' });
		const guard = await request.services.guard.judge(data, request.numberWords);
		if (guard.kind === 'damaged') return answer(notOurForm);
		if (guard.kind === 'ask') {
			// A suspect form gets the question step instead of a pretended success: it may be a person
			// whose browser filled the honeypot or who pasted a prepared text, and a confirmation for
			// something not stored is the worst answer there is. The log names the suspicion, never a value.
			if (guard.suspicion)
				console.log(`${form.name}: question step for a suspect form (${guard.suspicion})`);
			return answer({ event: guard.retry ? 'askAgain' : 'ask', question: guard.question });
		}
		return answer(await form.store(parsed.data, checked.pass, guard.token, post));
	} catch (error) {
		// Disk full, store unwritable…: say so plainly; never a false success. No form values in the log.
		console.error(
			`${form.name}: could not store ${form.name === 'notify' ? 'a concern' : 'a booking'}: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`,
		);
		return answer({ event: 'failed' });
	}
}

/** A solution or answer another submission already used: ask a (new) question instead. */
export function replayed(services: Services, via: UsedToken['via']): Outcome {
	return { event: via === 'question' ? 'askAgain' : 'ask', question: services.guard.newQuestion() };
}
