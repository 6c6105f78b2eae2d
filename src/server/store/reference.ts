import { randomInt } from 'node:crypto';

// Crockford's base32 without I, L, O, U: easy to read aloud on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference like "K7F3-9Q2M": 40 random bits, unique by constraint. */
export function newReference(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
	return `${s.slice(0, 4)}-${s.slice(4)}`;
}
