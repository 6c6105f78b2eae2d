/**
 * Encryption of submission bodies at rest: AES-256-GCM with a random 96-bit IV per message and
 * the submission id as additional data, so a body cannot be moved to another row unnoticed.
 * Layout: version (1 byte) | IV (12) | tag (16) | ciphertext.
 */
import {
	createCipheriv,
	createDecipheriv,
	createHmac,
	createSecretKey,
	hkdfSync,
	randomBytes,
	type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 1;

/**
 * The data key as a KeyObject, made once per key: given a Buffer, every cipher checks and copies
 * the key again, which cost more than encrypting a concern (15 against 6 µs).
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer): KeyObject {
	let made = keyObjects.get(key);
	if (!made) keyObjects.set(key, (made = createSecretKey(key)));
	return made;
}

export function encrypt(key: Buffer, plaintext: string, associated: string): Buffer {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
	cipher.setAAD(Buffer.from(associated, 'utf8'));
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decrypt(key: Buffer, sealed: Uint8Array, associated: string): string {
	const data = Buffer.from(sealed);
	if (data[0] !== VERSION) throw new Error('Unknown encryption format');
	const decipher = createDecipheriv('aes-256-gcm', keyObject(key), data.subarray(1, 13));
	decipher.setAAD(Buffer.from(associated, 'utf8'));
	decipher.setAuthTag(data.subarray(13, 29));
	return Buffer.concat([decipher.update(data.subarray(29)), decipher.final()]).toString('utf8');
}

/**
 * The data key: DATA_KEY when set, otherwise a key generated once into DATA_DIR/data.key with
 * mode 0600 (written exclusively, so two processes starting together agree on one key).
 */
export function loadDataKey(dataDir: string, configured?: string): Buffer {
	if (configured) return Buffer.from(configured, 'base64');
	const file = join(dataDir, 'data.key');
	if (!existsSync(file)) {
		mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		try {
			writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	chmodSync(file, 0o600);
	const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
	return key;
}

/**
 * A keyed hash for counting without keeping the value (an e-mail address, a client address):
 * the same input gives the same key, and nobody without the data key can tell whose it is.
 * Addresses are compared case-insensitively, as mail servers treat them in practice.
 */
export function pseudonymiser(dataKey: Buffer, purpose: string): (value: string) => string {
	// A KeyObject, made once: with a Buffer key each HMAC checks and copies the key again.
	const key = createSecretKey(
		Buffer.from(
			hkdfSync('sha256', dataKey, Buffer.alloc(0), `child-protection-site ${purpose}`, 32),
		),
	);
	return (value) =>
		createHmac('sha256', key).update(value.trim().toLowerCase()).digest('base64url');
}
