import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decrypt, encrypt, loadDataKey } from '../../src/server/data-crypto.ts';

const key = randomBytes(32);
const ID = '0b6f3c3e-4a57-4d2e-9a43-0d6c2f1e9b10';

describe('encrypt / decrypt', () => {
	it.each([
		['ascii', '{"observation":"bruises on both arms"}'],
		['Cyrillic (bg)', 'Детето каза: „Татко ме удари.“ Синини по ръцете.'],
		['Hungarian', 'Árvíztűrő tükörfúrógép – a gyermek azt mondta: „félek otthon”.'],
		['Danish', 'Barnet sagde: "Jeg er bange for far." Blå mærker på ærmerne, Ærø, Øster Å.'],
		['empty', ''],
		['multi-line with emoji', 'line one\nline two\n👧🏽'],
	])('round-trips %s text', (_name, plaintext) => {
		const sealed = encrypt(key, plaintext, ID);
		expect(decrypt(key, sealed, ID)).toBe(plaintext);
	});

	it('does not contain the plaintext bytes, and uses a fresh IV each time', () => {
		const plaintext = 'Детето каза: Árvíztűrő Ærø — the child said: SECRET-MARKER-123';
		const a = encrypt(key, plaintext, ID);
		const b = encrypt(key, plaintext, ID);
		for (const part of ['SECRET-MARKER-123', 'Детето', 'Árvíztűrő', 'Ærø', plaintext]) {
			expect(a.includes(Buffer.from(part, 'utf8'))).toBe(false);
		}
		// version + IV + tag + ciphertext of the same length as the plaintext
		expect(a.length).toBe(1 + 12 + 16 + Buffer.byteLength(plaintext, 'utf8'));
		expect(a.equals(b)).toBe(false);
		expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
	});

	it('accepts a Uint8Array as read back from the store', () => {
		const sealed = encrypt(key, 'hello', ID);
		expect(decrypt(key, new Uint8Array(sealed), ID)).toBe('hello');
	});

	it.each([
		['the version byte', 0],
		['an IV byte', 5],
		['a tag byte', 20],
		['a ciphertext byte', 30],
		['the last byte', -1],
	])('fails when %s is changed', (_name, index) => {
		const sealed = encrypt(key, 'the child said something important', ID);
		const at = index < 0 ? sealed.length + index : index;
		const tampered = Buffer.from(sealed);
		tampered[at] = tampered[at]! ^ 0x01;
		expect(() => decrypt(key, sealed, ID)).not.toThrow();
		expect(() => decrypt(key, tampered, ID)).toThrow();
	});

	it('fails when the ciphertext is cut short', () => {
		const sealed = encrypt(key, 'the child said something important', ID);
		expect(() => decrypt(key, sealed.subarray(0, sealed.length - 1), ID)).toThrow();
	});

	it('fails with other associated data: a body cannot move to another row', () => {
		const sealed = encrypt(key, 'body', ID);
		expect(() => decrypt(key, sealed, 'another-submission-id')).toThrow();
		expect(() => decrypt(key, sealed, '')).toThrow();
	});

	it('fails with the wrong key', () => {
		const sealed = encrypt(key, 'body', ID);
		expect(() => decrypt(randomBytes(32), sealed, ID)).toThrow();
	});
});

describe('loadDataKey', () => {
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'data-key-test-'));
	});

	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('generates a 32-byte key file with mode 0600 once, and returns the same key afterwards', () => {
		const dataDir = join(dir, 'data'); // not there yet
		const first = loadDataKey(dataDir);
		const file = join(dataDir, 'data.key');
		expect(first.length).toBe(32);
		expect(existsSync(file)).toBe(true);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const stored = readFileSync(file, 'utf8');
		expect(Buffer.from(stored.trim(), 'base64').equals(first)).toBe(true);

		const second = loadDataKey(dataDir);
		expect(second.equals(first)).toBe(true);
		expect(readFileSync(file, 'utf8')).toBe(stored);

		// and the key works with the ciphertexts made with the first one
		expect(decrypt(second, encrypt(first, 'x', ID), ID)).toBe('x');
	});

	it('generates different keys in different folders', () => {
		expect(loadDataKey(join(dir, 'a')).equals(loadDataKey(join(dir, 'b')))).toBe(false);
	});

	it('uses DATA_KEY when given, and writes no key file', () => {
		const configured = randomBytes(32);
		const loaded = loadDataKey(dir, configured.toString('base64'));
		expect(loaded.equals(configured)).toBe(true);
		expect(existsSync(join(dir, 'data.key'))).toBe(false);
	});

	it('prefers DATA_KEY over an existing key file', () => {
		const generated = loadDataKey(dir);
		const configured = randomBytes(32);
		const loaded = loadDataKey(dir, configured.toString('base64'));
		expect(loaded.equals(configured)).toBe(true);
		expect(loaded.equals(generated)).toBe(false);
	});

	it('refuses a key file that does not hold 32 bytes', async () => {
		const { writeFileSync } = await import('node:fs');
		writeFileSync(join(dir, 'data.key'), randomBytes(16).toString('base64'));
		expect(() => loadDataKey(dir)).toThrow('does not hold a 32-byte base64 key');
	});
});
