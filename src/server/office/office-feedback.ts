/**
 * Feedback to the notifier from the workspace: the case worker picks one of the country's fixed
 * templates (checked by the page against `feedbackTemplates` in content), and the notifier gets
 * its text by e-mail in their language. Only a person of the concern's office sends it, only
 * once the concern is acknowledged, once per concern; the choice is stored encrypted and the
 * audit entry names no content.
 */
import type { Concern } from '../../lib/concern-schema.ts';
import type { MailLimits } from '../concern-intake.ts';
import { decrypt, encrypt, pseudonymiser } from '../data-crypto.ts';
import type { Store } from '../store.ts';
import type { FeedbackOutcome } from '../store/office-feedback.ts';
import type { OfficePerson } from '../store/office-types.ts';
import type { OfficeCases } from './office-cases.ts';

/** What the sealed feedback holds: the template's id, nothing typed. */
export interface FeedbackBody {
	choice: string;
}

export interface FeedbackSent {
	sentAt: number;
	/** Undefined once retention deleted it with the concern's body. */
	choice: string | undefined;
}

export interface OfficeFeedback {
	/**
	 * Sends `choice` to the notifier. 'not-acknowledged': acknowledge first; 'no-recipient': the
	 * concern's body (with the address) is gone; 'over-budget': the notifier's mail budget of the
	 * day is used up, nothing stored.
	 */
	send(
		person: OfficePerson,
		key: string,
		choice: string,
		now?: number,
	): Promise<FeedbackOutcome | 'not-found' | 'not-acknowledged' | 'no-recipient'>;
	/** The feedback sent for a concern the person may see. */
	sent(person: OfficePerson, key: string): Promise<FeedbackSent | undefined>;
}

/** The additional data the choice is sealed with: bound to its concern, never mistaken for the body. */
export const feedbackSeal = (submissionId: string) => `${submissionId}:feedback`;

export function createOfficeFeedback(
	store: Store,
	dataKey: Buffer,
	mail: MailLimits,
	cases: OfficeCases,
): OfficeFeedback {
	const recipientKey = pseudonymiser(dataKey, 'mail recipients');
	return {
		async send(person, key, choice, now = Date.now()) {
			const row = await cases.find(person, key);
			if (!row) return 'not-found';
			if (row.status === 'new') return 'not-acknowledged';
			const sealed = await store.body(row.submissionId);
			// The address is read here for the budget only, never kept outside the sealed body.
			const email = sealed
				? (JSON.parse(decrypt(dataKey, sealed, row.submissionId)) as Concern).reporterEmail
				: undefined;
			if (!email) return 'no-recipient';
			const body: FeedbackBody = { choice };
			return await store.office.feedback.send({
				submissionId: row.submissionId,
				personId: person.id,
				now,
				body: encrypt(dataKey, JSON.stringify(body), feedbackSeal(row.submissionId)),
				notifier: { recipient: recipientKey(email), kinds: ['concern-feedback'], ...mail },
			});
		},
		async sent(person, key) {
			const row = await cases.find(person, key);
			const sent = row && (await store.office.feedback.sent(row.submissionId));
			if (!row || !sent) return undefined;
			const choice = sent.body && readFeedback(dataKey, row.submissionId, sent.body).choice;
			return { sentAt: sent.sentAt, choice: choice ?? undefined };
		},
	};
}

export const readFeedback = (dataKey: Buffer, submissionId: string, sealed: Uint8Array) =>
	JSON.parse(decrypt(dataKey, sealed, feedbackSeal(submissionId))) as FeedbackBody;
