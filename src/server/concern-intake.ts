/**
 * Accepting a concern: encrypt the validated answers and commit them, with the two e-mails to
 * send, in one transaction. Only after this returns may the visitor be told it was sent.
 */
import type { Concern } from '../lib/concern-schema.ts';
import { encrypt, pseudonymiser } from './data-crypto.ts';
import type { Accepted, NewSubmission, Replayed, Store } from './store.ts';

/** How many receipts one address and the whole site may be sent a day. */
export interface MailLimits {
	perRecipient: number;
	total: number;
}

export interface ConcernIntake {
	/** `token`: the single-use token the spam guard accepted, used up with the concern. */
	accept(
		concern: Concern,
		token?: NewSubmission['token'],
		now?: number,
	): Promise<Accepted | Replayed>;
}

export function createConcernIntake(
	store: Store,
	dataKey: Buffer,
	wakeOutbox: () => void,
	mail: MailLimits,
): ConcernIntake {
	const recipientKey = pseudonymiser(dataKey, 'mail recipients');
	return {
		async accept(concern, token, now = Date.now()) {
			const accepted = await store.accept({
				id: concern.submissionId,
				kind: 'concern',
				officeId: concern.officeId,
				locale: concern.locale,
				body: encrypt(dataKey, JSON.stringify(concern), concern.submissionId),
				messages: ['concern-office', 'concern-receipt'],
				// "The office should act today" goes before everything else in the outbox.
				priority: concern.urgency === 'today' ? 1 : 0,
				budget: {
					recipient: recipientKey(concern.reporterEmail),
					kinds: ['concern-receipt'],
					...mail,
				},
				now,
				...(token ? { token } : {}),
			});
			if (!('replayed' in accepted)) wakeOutbox();
			return accepted;
		},
	};
}
