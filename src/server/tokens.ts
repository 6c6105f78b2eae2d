/**
 * Signed links (cancel a booking, download its calendar file): `<payload>.<signature>`, both
 * base64url, HMAC-SHA256 with a key derived from the data key, so no secret needs configuring
 * twice. The payload carries its purpose and expiry; verification is constant-time.
 */
import {
	createHmac,
	createSecretKey,
	hkdfSync,
	type KeyObject,
	timingSafeEqual,
} from 'node:crypto';

export interface TokenPayload {
	/** What the token allows, e.g. "cancel" or "calendar". */
	purpose: string;
	/** The booking (submission) id. */
	id: string;
	/** Expiry, ms since the epoch. */
	expires: number;
}

/** A KeyObject, made once: an HMAC with a Buffer key costs about 8× as much (the key is checked and copied each time). */
export function signingKey(dataKey: Buffer): KeyObject {
	return createSecretKey(
		Buffer.from(
			hkdfSync('sha256', dataKey, Buffer.alloc(0), 'child-protection-site link tokens', 32),
		),
	);
}

export function signToken(key: KeyObject, payload: TokenPayload): string {
	const body = Buffer.from(JSON.stringify([payload.purpose, payload.id, payload.expires])).toString(
		'base64url',
	);
	return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export type TokenCheck = { ok: true; id: string } | { ok: false; reason: 'forged' | 'expired' };

export function verifyToken(
	key: KeyObject,
	token: string,
	purpose: string,
	now: number,
): TokenCheck {
	const [body, signature, extra] = token.split('.');
	if (!body || !signature || extra !== undefined) return { ok: false, reason: 'forged' };
	const expected = createHmac('sha256', key).update(body).digest();
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected))
		return { ok: false, reason: 'forged' };
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'forged' };
	}
	if (!Array.isArray(parsed) || parsed.length !== 3) return { ok: false, reason: 'forged' };
	const [tokenPurpose, id, expires] = parsed as unknown[];
	if (tokenPurpose !== purpose || typeof id !== 'string' || typeof expires !== 'number')
		return { ok: false, reason: 'forged' };
	if (now >= expires) return { ok: false, reason: 'expired' };
	return { ok: true, id };
}
