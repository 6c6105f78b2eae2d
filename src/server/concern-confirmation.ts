/**
 * The confirmation after a concern is accepted, as a page of its own: the post is answered with
 * a redirect (303) to `/<locale>/notify/sent/?token=…`, so reloading or going back never posts
 * the form again. The signed token names the submission, its reference and the office, and
 * expires after a few minutes; the page shows what the store holds for that submission – never
 * what was posted – so a repeated post with changed answers shows what the office received.
 */
import type { Concern } from '../lib/concern-schema.ts';
import { decrypt } from './data-crypto.ts';
import type { Store } from './store.ts';
import { signingKey, signToken, verifyToken } from './tokens.ts';

/** Long enough to print the page or go back to it; short, because it shows the concern. */
export const CONFIRMATION_MINUTES = 15;

export interface SentFacts {
	submissionId: string;
	reference: string;
	officeId: string;
}

export type Confirmation =
	| { status: 'forged' | 'expired' }
	/** `concern` is what the store holds; undefined once purged (or when nothing was kept). */
	| ({ status: 'ok'; concern: Concern | undefined } & SentFacts);

export interface ConcernConfirmations {
	/** The token of a stored concern's confirmation. */
	token(facts: SentFacts, now?: number): string;
	/** What a confirmation token opens. */
	open(token: string, now?: number): Promise<Confirmation>;
}

export function createConcernConfirmations(store: Store, dataKey: Buffer): ConcernConfirmations {
	const key = signingKey(dataKey);
	return {
		token(facts, now = Date.now()) {
			return signToken(key, {
				purpose: 'sent',
				id: [facts.submissionId, facts.reference, facts.officeId].join('/'),
				expires: now + CONFIRMATION_MINUTES * 60_000,
			});
		},
		async open(token, now = Date.now()) {
			const check = verifyToken(key, token, 'sent', now);
			if (!check.ok) return { status: check.reason };
			const [submissionId, reference, officeId] = check.id.split('/');
			if (!submissionId || !reference || !officeId) return { status: 'forged' };
			const sealed = await store.body(submissionId);
			const concern = sealed
				? (JSON.parse(decrypt(dataKey, sealed, submissionId)) as Concern)
				: undefined;
			return { status: 'ok', submissionId, reference, officeId, concern };
		},
	};
}
