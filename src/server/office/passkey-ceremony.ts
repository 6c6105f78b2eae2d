/**
 * Passkeys (WebAuthn) with @simplewebauthn/server. Challenges are signed, not stored: the page
 * that starts a ceremony writes nothing, and a challenge is recorded only when it is answered –
 * each counts once and runs out after five minutes. The relying party is the host the person
 * sees (the request's origin, as the origin check knows it), so one build serves behind a proxy.
 * Sign-in uses discoverable credentials: the person picks their passkey, no name is typed.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import {
	generateAuthenticationOptions,
	generateRegistrationOptions,
	verifyAuthenticationResponse,
	verifyRegistrationResponse,
	type AuthenticationResponseJSON,
	type PublicKeyCredentialCreationOptionsJSON,
	type PublicKeyCredentialRequestOptionsJSON,
	type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { OfficePerson, OfficeStore } from '../store/office-types.ts';

export const CHALLENGE_MS = 5 * 60_000;

export interface PasskeyCeremony {
	signInOptions(origin: string, now?: number): Promise<PublicKeyCredentialRequestOptionsJSON>;
	/** The person a passkey answer signs in, or undefined (unknown key, bad signature, used or old challenge). */
	signIn(answer: string, origin: string, now?: number): Promise<OfficePerson | undefined>;
	enrolOptions(
		person: OfficePerson,
		origin: string,
		now?: number,
	): Promise<PublicKeyCredentialCreationOptionsJSON>;
	/** Stores the new passkey; false when the answer does not verify. */
	enrol(person: OfficePerson, answer: string, origin: string, now?: number): Promise<boolean>;
}

const rpIdOf = (origin: string) => new URL(origin).hostname;

/** Why a ceremony failed, for the operator: the library's reason (origin, challenge, signature), never who or what was sent. */
function refused(ceremony: string, error: unknown): void {
	console.warn(
		`office: passkey ${ceremony} refused: ${String((error as Error)?.message ?? error).slice(0, 160)}`,
	);
}

export function createPasskeyCeremony(
	store: OfficeStore,
	dataKey: Buffer,
	rpName: string,
): PasskeyCeremony {
	const key = Buffer.from(
		hkdfSync('sha256', dataKey, Buffer.alloc(0), 'child-protection-site passkey challenges', 32),
	);
	const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64url');

	/** `<expiry>.<random>.<mac>`, as the bytes the authenticator signs over. */
	function challenge(purpose: string, now: number): Uint8Array<ArrayBuffer> {
		const value = `${now + CHALLENGE_MS}.${randomBytes(16).toString('base64url')}`;
		return new TextEncoder().encode(`${value}.${mac(`${purpose}:${value}`)}`);
	}

	/** Whether a challenge (base64url, as the client data carries it) is ours, fresh and unused – and uses it up. */
	function useChallenge(purpose: string, now: number) {
		return async (encoded: string): Promise<boolean> => {
			const text = Buffer.from(encoded, 'base64url').toString('utf8');
			const [expires, random, signature, extra] = text.split('.');
			if (!expires || !random || !signature || extra !== undefined) return false;
			const expected = Buffer.from(mac(`${purpose}:${expires}.${random}`));
			const given = Buffer.from(signature);
			if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
			if (!(Number(expires) > now)) return false;
			return store.useChallenge(
				createHash('sha256').update(text).digest('base64url'),
				Number(expires),
			);
		};
	}

	function parse<T>(answer: string): T | undefined {
		try {
			const value = JSON.parse(answer) as unknown;
			return value &&
				typeof value === 'object' &&
				typeof (value as { id?: unknown }).id === 'string'
				? (value as T)
				: undefined;
		} catch {
			return undefined;
		}
	}

	return {
		signInOptions(origin, now = Date.now()) {
			return generateAuthenticationOptions({
				rpID: rpIdOf(origin),
				challenge: challenge('sign-in', now),
				userVerification: 'required',
				timeout: CHALLENGE_MS,
			});
		},
		async signIn(answer, origin, now = Date.now()) {
			const response = parse<AuthenticationResponseJSON>(answer);
			const passkey = response && (await store.passkey(response.id));
			if (!response || !passkey) return undefined;
			try {
				const { verified, authenticationInfo } = await verifyAuthenticationResponse({
					response,
					expectedChallenge: useChallenge('sign-in', now),
					expectedOrigin: origin,
					expectedRPID: rpIdOf(origin),
					credential: {
						id: passkey.id,
						publicKey: Buffer.from(passkey.publicKey, 'base64url'),
						counter: passkey.counter,
						transports: passkey.transports,
					},
					requireUserVerification: true,
				});
				if (!verified) return undefined;
				await store.usePasskey(passkey.id, authenticationInfo.newCounter, now);
				return await store.person(passkey.personId);
			} catch (error) {
				// A malformed or foreign answer is a failed sign-in, not a server error.
				refused('sign-in', error);
				return undefined;
			}
		},
		async enrolOptions(person, origin, now = Date.now()) {
			return generateRegistrationOptions({
				rpName,
				rpID: rpIdOf(origin),
				userName: person.email,
				userDisplayName: person.name,
				userID: new TextEncoder().encode(person.id),
				challenge: challenge(`enrol:${person.id}`, now),
				attestationType: 'none',
				excludeCredentials: (await store.passkeys(person.id)).map((p) => ({
					id: p.id,
					transports: p.transports,
				})),
				authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
				timeout: CHALLENGE_MS,
			});
		},
		async enrol(person, answer, origin, now = Date.now()) {
			const response = parse<RegistrationResponseJSON>(answer);
			if (!response) {
				refused(
					'enrolment',
					answer === ''
						? "no answer posted (the page's script did not run)"
						: 'not a registration response',
				);
				return false;
			}
			try {
				const { verified, registrationInfo } = await verifyRegistrationResponse({
					response,
					expectedChallenge: useChallenge(`enrol:${person.id}`, now),
					expectedOrigin: origin,
					expectedRPID: rpIdOf(origin),
					requireUserVerification: true,
				});
				if (!verified) {
					refused('enrolment', 'not verified');
					return false;
				}
				const { credential } = registrationInfo;
				await store.addPasskey(
					{
						id: credential.id,
						personId: person.id,
						publicKey: Buffer.from(credential.publicKey).toString('base64url'),
						counter: credential.counter,
						transports: credential.transports ?? [],
					},
					now,
				);
				return true;
			} catch (error) {
				refused('enrolment', error);
				return false;
			}
		},
	};
}
