/**
 * Reading a form post before the site sees it: at most `maxBytes` (declared or sent in chunks)
 * and at most `maxFields` fields, counted in one pass over the raw body, so a post with
 * thousands of field names is refused in microseconds instead of being parsed.
 */
import type { IncomingMessage } from 'node:http';
import type { FormFields } from '../lib/form-values.ts';

/** What a form posts as; anything else is not one of our forms. */
export const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;

export type FormBody =
	| { ok: true; body: Buffer; fields: number }
	| { ok: false; status: 413 | 415 };

export function formType(req: IncomingMessage): (typeof FORM_TYPES)[number] | undefined {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	return FORM_TYPES.find((t) => t === type);
}

/** The body, or undefined as soon as it is longer than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.off('data', onData);
				req.pause();
				resolve(undefined);
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', onData);
		req.once('end', () => resolve(Buffer.concat(chunks)));
		req.once('error', reject);
		req.once('close', () => resolve(undefined));
	});
}

/** Fields in a form body: `&`-separated pairs, or multipart parts (each starts with the boundary). */
export function countFields(body: Buffer, contentType: string): number {
	if (contentType.toLowerCase().startsWith('multipart/form-data')) {
		const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
		const marker = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
		let count = -1;
		for (let at = body.indexOf(marker); at !== -1; at = body.indexOf(marker, at + marker.length))
			count++;
		return Math.max(count, 0);
	}
	if (body.length === 0) return 0;
	let count = 1;
	for (const byte of body) if (byte === 0x26) count++;
	return count;
}

/**
 * The fields of a form body read by `readBody`: URLSearchParams for a urlencoded body (what
 * every browser sends for our forms), FormData for a multipart one; undefined when a multipart
 * body cannot be parsed.
 */
export async function formFields(
	body: Buffer,
	contentType: string,
): Promise<FormFields | undefined> {
	if (!contentType.toLowerCase().startsWith('multipart/form-data'))
		return new URLSearchParams(body.toString('utf8'));
	try {
		return await new Response(new Uint8Array(body), {
			headers: { 'content-type': contentType },
		}).formData();
	} catch {
		return undefined;
	}
}
