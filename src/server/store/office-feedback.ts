/**
 * Feedback to the notifier: the template the case worker chose (encrypted by the caller), one
 * per concern, stored with its audit entry and its e-mail in one transaction. Its own interface,
 * so a PostgreSQL store implements it beside the rest of `OfficeStore`.
 */
import type { MailBudget } from '../store.ts';
import type { Database } from './database.ts';
import type { officeCasesTable } from './office-cases.ts';
import type { outboxTable } from './outbox.ts';

export interface NewFeedback {
	submissionId: string;
	personId: string;
	now: number;
	/** The chosen template's id, encrypted (see data-crypto.ts). */
	body: Uint8Array;
	/** The notifier's daily mail budget: the e-mail counts against it like the receipt. */
	notifier: MailBudget;
}

export interface SentFeedback {
	sentAt: number;
	personId: string;
	/** The encrypted choice; null once retention deleted the concern's body. */
	body: Uint8Array | null;
}

/** 'already': the concern has its feedback (a double submit); 'over-budget': nothing was stored. */
export type FeedbackOutcome = 'sent' | 'already' | 'over-budget';

export interface OfficeFeedbackStore {
	/** Stores the feedback, writes the audit entry and queues 'concern-feedback', in one transaction. */
	send(feedback: NewFeedback): Promise<FeedbackOutcome>;
	sent(submissionId: string): Promise<SentFeedback | undefined>;
}

export function officeFeedbackTable(
	{ db, transaction }: Database,
	cases: ReturnType<typeof officeCasesTable>,
	outbox: ReturnType<typeof outboxTable>,
) {
	const q = {
		insert: db.prepare(
			'INSERT INTO office_feedback (submission_id, sent_at, person_id, body) VALUES (?, ?, ?, ?)',
		),
		sent: db.prepare(
			'SELECT sent_at AS sentAt, person_id AS personId, body FROM office_feedback WHERE submission_id = ?',
		),
		forgetPurged: db.prepare(
			`UPDATE office_feedback SET body = NULL WHERE body IS NOT NULL
			 AND submission_id IN (SELECT id FROM submissions WHERE body IS NULL)`,
		),
	};
	const sent = (submissionId: string): SentFeedback | undefined => {
		const row = q.sent.get(submissionId) as SentFeedback | undefined;
		return row ? { ...row } : undefined;
	};
	return {
		send({ submissionId, personId, now, body, notifier }: NewFeedback): FeedbackOutcome {
			return transaction(() => {
				const found = cases.find(submissionId);
				if (!found || sent(submissionId)) return 'already';
				// The budget is taken first: past it, nothing is written and the worker may try tomorrow.
				if (!outbox.queueOne(submissionId, found.officeId, 'concern-feedback', now, notifier))
					return 'over-budget';
				q.insert.run(submissionId, now, personId, body);
				cases.audit({
					at: now,
					personId,
					officeId: found.officeId,
					action: 'feedback',
					reference: found.reference,
					detail: null,
				});
				return 'sent';
			});
		},
		sent,
		/** Retention: the choice goes with the concern's body. The caller holds the transaction. */
		forgetPurged(): void {
			q.forgetPurged.run();
		},
	};
}
