/**
 * Single-use sign-in links by e-mail, for enrolment and recovery only: a link signs in a person
 * who has no passkey yet, and then only to add one (an 'enrol' session). For a person with a
 * passkey it does nothing – the e-mail is never the only factor. A link lasts 20 minutes, is
 * stored as its SHA-256, and is sent through the outbox like every other e-mail. Asking for a
 * link answers the same whoever asks, and is limited per address and per client.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { encrypt, pseudonymiser } from '../data-crypto.ts';
import type { Store } from '../store.ts';
import type { OfficePerson, OfficeStore } from '../store/office-types.ts';

export const LINK_MS = 20 * 60_000;
/** Links one address may be sent an hour, and requests one client may make an hour. */
export const LINKS_PER_ADDRESS_PER_HOUR = 3;
export const LINK_REQUESTS_PER_CLIENT_PER_HOUR = 10;

/** The encrypted body of the link's e-mail (see mail/office-mail.ts). */
export interface SignInLinkBody {
	to: string;
	name: string;
	locale: string;
	url: string;
}

export type LinkUse =
	| { status: 'ok'; person: OfficePerson }
	| { status: 'invalid' }
	| { status: 'has-passkey' };

export interface SignInLinks {
	/**
	 * A link for this person, queued in the outbox; `undefined` when they already have a passkey
	 * (recovery means an operator removes it first: `npm run office -- reset`).
	 */
	send(person: OfficePerson, now?: number): Promise<string | undefined>;
	/** A person asks on the sign-in page: false when a limit said no (nothing is said about whether the address is known). */
	request(email: string, client: string, now?: number): Promise<boolean>;
	/** Uses a link up. */
	use(token: string, now?: number): Promise<LinkUse>;
	sweep(now?: number): Promise<void>;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** `limiter`: where the limits count (the store's: shared by every instance on PostgreSQL). */
export function createSignInLinks(
	store: OfficeStore,
	limiter: Store['rateLimiter'],
	dataKey: Buffer,
	siteUrl: string,
): SignInLinks {
	const addressKey = pseudonymiser(dataKey, 'office sign-in addresses');
	const perAddress = limiter('sign-in-link-address', LINKS_PER_ADDRESS_PER_HOUR, 3600_000);
	const perClient = limiter('sign-in-link-client', LINK_REQUESTS_PER_CLIENT_PER_HOUR, 3600_000);

	async function send(person: OfficePerson, now = Date.now()): Promise<string | undefined> {
		if ((await store.passkeys(person.id)).length > 0) return undefined;
		const token = randomBytes(32).toString('base64url');
		const url = new URL(`/office/link/?token=${token}`, siteUrl).href;
		const submissionId = randomUUID();
		const body: SignInLinkBody = {
			to: person.email,
			name: person.name,
			locale: person.locale,
			url,
		};
		await store.createSignInLink(hashToken(token), person.id, now, now + LINK_MS, {
			submissionId,
			body: encrypt(dataKey, JSON.stringify(body), submissionId),
			locale: person.locale,
		});
		return url;
	}

	return {
		send,
		async request(email, client, now = Date.now()) {
			if (!(await perClient.take(addressKey(`client ${client}`), now)).ok) return false;
			if (!(await perAddress.take(addressKey(email), now)).ok) return false;
			const person = await store.personByEmail(email);
			if (person) await send(person, now);
			return true;
		},
		async use(token, now = Date.now()) {
			if (!/^[\w-]{43}$/.test(token)) return { status: 'invalid' };
			const personId = await store.useSignInLink(hashToken(token), now);
			const person = personId ? await store.person(personId) : undefined;
			if (!person) return { status: 'invalid' };
			if ((await store.passkeys(person.id)).length > 0) return { status: 'has-passkey' };
			return { status: 'ok', person };
		},
		async sweep(now = Date.now()) {
			await Promise.all([perAddress.sweep(now), perClient.sweep(now)]);
		},
	};
}
