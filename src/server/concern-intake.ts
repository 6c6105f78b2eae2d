/**
 * Accepting a concern: encrypt the validated answers and commit them, with the two e-mails to
 * send, in one transaction. Only after this returns may the visitor be told it was sent.
 */
import type { Concern } from '../lib/concern-schema.ts';
import { encrypt } from './data-crypto.ts';
import { wakeOutbox } from './outbox-wake.ts';
import { getDataKey, getStore } from './runtime.ts';
import type { Accepted, NewSubmission, Replayed } from './store.ts';

/** `token`: the single-use token the spam guard accepted, used up with the concern. */
export function acceptConcern(concern: Concern, token?: NewSubmission['token'], now = Date.now()): Accepted | Replayed {
	const accepted = getStore().accept({
		id: concern.submissionId,
		kind: 'concern',
		officeId: concern.officeId,
		locale: concern.locale,
		body: encrypt(getDataKey(), JSON.stringify(concern), concern.submissionId),
		messages: ['concern-office', 'concern-receipt'],
		now,
		...(token ? { token } : {}),
	});
	if (!('replayed' in accepted)) wakeOutbox();
	return accepted;
}
