/**
 * Building blocks for form fields shared by every submission schema. Messages are UI string
 * keys (`error.*`), translated where they are shown, so the browser and the server report
 * the same error in the visitor's language. Built on `zod/mini`, which islands can afford.
 */
import { z } from 'zod/mini';

// C0 controls except tab and line feed, DEL, C1 controls, and the Unicode line/paragraph
// separators: none of them belong in a form answer.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/;
const LINE_BREAK = /[\r\n]/;
// What a decoder puts where the bytes were not valid UTF-8: the answer arrived damaged.
const UNDECODABLE = /\uFFFD/;

/** A one-line answer: no line breaks at all, since some of them end up in e-mail headers. */
export function singleLine(max: number) {
	return z.string({ error: 'error.required' }).check(
		z.trim(),
		z.minLength(1, { error: 'error.required' }),
		z.maxLength(max, { error: 'error.tooLong' }),
		z.refine((v) => !UNDECODABLE.test(v), { error: 'error.encoding' }),
		z.refine((v) => !LINE_BREAK.test(v) && !CONTROL.test(v), { error: 'error.control' }),
	);
}

/** A multi-line answer: line breaks become "\n" (browsers send CRLF); other controls refused. */
export function multiLine(max: number) {
	return z.pipe(
		z.pipe(
			z.string({ error: 'error.required' }),
			z.transform((v) => v.replace(/\r\n?/g, '\n').trim()),
		),
		z.string().check(
			z.minLength(1, { error: 'error.required' }),
			z.maxLength(max, { error: 'error.tooLong' }),
			z.refine((v) => !UNDECODABLE.test(v), { error: 'error.encoding' }),
			z.refine((v) => !CONTROL.test(v), { error: 'error.control' }),
		),
	);
}

/** Wraps a rule so that an empty answer means "not known" (stored as undefined). */
export function optional<T extends z.ZodMiniType>(rule: T) {
	return z.pipe(
		z.transform((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)),
		z.optional(rule),
	);
}

export const emailField = z.pipe(singleLine(254), z.email({ error: 'error.email' }));

/** Phone numbers as people write them: digits with spaces, +, -, /, parentheses. */
export const phoneField = singleLine(40).check(
	z.refine((v) => /^\+?[0-9][0-9 ()/-]{4,}[0-9]$/.test(v), { error: 'error.phone' }),
);

/** One of the given choices (radio buttons, select). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values, { error: 'error.choose' });
}
