/**
 * The answers of a submitted form as a plain object: one string per field, a list for fields
 * that allow several values. Control fields (names starting with "_", such as the button that
 * was pressed, and the honeypot) are left out; the schema refuses any other field it does not know.
 */
import { CONTROL_FIELDS } from './control-fields.ts';

export type FormValues = Record<string, string | string[]>;

/**
 * A posted form's fields: the browser's FormData, or URLSearchParams for a urlencoded body,
 * which the server reads without building a FormData.
 */
export interface FormFields extends Iterable<[string, FormDataEntryValue]> {
	get(name: string): FormDataEntryValue | null;
	has(name: string): boolean;
}

export function formValues(data: FormFields, listFields: readonly string[]): FormValues {
	// One pass over the entries: `getAll` per name would scan them all again for every name,
	// which a post with thousands of distinct names turns into seconds of blocked server.
	const values: FormValues = {};
	for (const [name, value] of data) {
		if (name.startsWith('_') || name === CONTROL_FIELDS.honeypot) continue;
		const text = typeof value === 'string' ? value : '';
		if (listFields.includes(name)) ((values[name] ??= []) as string[]).push(text);
		else values[name] ??= text;
	}
	for (const name of listFields) values[name] ??= [];
	return joinDateParts(values);
}

/** The three boxes of a date (GOV.UK style): `<name>-day`, `<name>-month`, `<name>-year`. */
export const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * A date asked in three boxes becomes one answer, "year-month-day" as the schema reads it
 * ("7", "3", "2019" → "2019-03-07"); all three empty is no answer. Whatever was typed stays in
 * its place ("2019--7"), so the schema reports it and the boxes show it again.
 */
function joinDateParts(values: FormValues): FormValues {
	for (const key of Object.keys(values)) {
		if (!key.endsWith('-day')) continue;
		const name = key.slice(0, -'-day'.length);
		const parts = DATE_PARTS.map((part) => values[`${name}-${part}`]);
		if (parts.some((p) => typeof p !== 'string')) continue;
		const [day, month, year] = (parts as string[]).map((p) => p.trim());
		for (const part of DATE_PARTS) delete values[`${name}-${part}`];
		const pad = (v: string) => (/^\d$/.test(v) ? `0${v}` : v);
		values[name] = day || month || year ? `${year}-${pad(month!)}-${pad(day!)}` : '';
	}
	return values;
}

/** The three boxes of a date answer again, for showing it ("2019-03-07" → 07, 03, 2019). */
export function dateParts(
	value: string | string[] | undefined,
): Record<(typeof DATE_PARTS)[number], string> {
	const [year = '', month = '', day = ''] =
		typeof value === 'string' && value !== '' ? value.split('-') : [];
	return { day, month, year };
}
