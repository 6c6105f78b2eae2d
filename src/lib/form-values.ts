/**
 * The answers of a submitted form as a plain object: one string per field, a list for fields
 * that allow several values. Control fields (names starting with "_", such as the button that
 * was pressed, and the honeypot) are left out; the schema refuses any other field it does not know.
 */
export type FormValues = Record<string, string | string[]>;

/**
 * The honeypot: a field people never see or fill in (it is hidden and says to leave it empty).
 * Its name tempts form-filling bots but is in no autofill vocabulary: browsers fill fields whose
 * name looks like a name, e-mail, phone, address, company or postcode even with
 * `autocomplete="off"`, so never give it such a name. Not an answer, so left out here too.
 */
export const HONEYPOT = 'comment';

export function formValues(data: FormData, listFields: readonly string[]): FormValues {
	// One pass over the entries: `getAll` per name would scan them all again for every name,
	// which a post with thousands of distinct names turns into seconds of blocked server.
	const values: FormValues = {};
	for (const [name, value] of data) {
		if (name.startsWith('_') || name === HONEYPOT) continue;
		const text = typeof value === 'string' ? value : '';
		if (listFields.includes(name)) ((values[name] ??= []) as string[]).push(text);
		else values[name] ??= text;
	}
	for (const name of listFields) values[name] ??= [];
	return values;
}
