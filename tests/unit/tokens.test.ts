import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signingKey, signToken, verifyToken } from '../../src/server/tokens.ts';

const key = signingKey(randomBytes(32));
const now = Date.UTC(2026, 10, 22, 10);
const token = signToken(key, { purpose: 'cancel', id: 'b1', expires: now + 3600_000 });

describe('link tokens', () => {
	it('verifies a token it signed, for its purpose, before it expires', () => {
		expect(verifyToken(key, token, 'cancel', now)).toEqual({ ok: true, id: 'b1' });
	});

	it('refuses it after expiry', () => {
		expect(verifyToken(key, token, 'cancel', now + 3600_000)).toEqual({
			ok: false,
			reason: 'expired',
		});
	});

	it('refuses it for another purpose', () => {
		expect(verifyToken(key, token, 'calendar', now)).toEqual({ ok: false, reason: 'forged' });
	});

	it('refuses a token signed with another key', () => {
		expect(verifyToken(signingKey(randomBytes(32)), token, 'cancel', now)).toEqual({
			ok: false,
			reason: 'forged',
		});
	});

	it('refuses a changed payload with the old signature', () => {
		const [, signature] = token.split('.');
		const forged = `${Buffer.from(JSON.stringify(['cancel', 'b2', now + 3600_000])).toString('base64url')}.${signature}`;
		expect(verifyToken(key, forged, 'cancel', now)).toEqual({ ok: false, reason: 'forged' });
	});

	it.each(['', '.', 'abc', 'a.b.c', `${token}x`, token.replace('.', '..'), 'e30.e30'])(
		'refuses junk %j',
		(junk) => {
			expect(verifyToken(key, junk, 'cancel', now).ok).toBe(false);
		},
	);

	it('derives the same signing key from the same data key', () => {
		const dataKey = randomBytes(32);
		expect(signingKey(dataKey).equals(signingKey(dataKey))).toBe(true);
	});
});
