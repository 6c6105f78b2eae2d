/**
 * The answers of a submitted form as a plain object: one string per field, a list for fields
 * that allow several values. Control fields (names starting with "_", such as the button that
 * was pressed, and the honeypot) are left out; the schema refuses any other field it does not know.
 */
export type FormValues = Record<string, string | string[]>;

/**
 * The honeypot: a field people never see or fill in (it is hidden and says to leave it empty),
 * named to tempt form-filling bots. Not an answer, so left out here too.
 */
export const HONEYPOT = 'website';

export function formValues(data: FormData, listFields: readonly string[]): FormValues {
	const values: FormValues = {};
	for (const name of new Set(data.keys())) {
		if (name.startsWith('_') || name === HONEYPOT) continue;
		const all = data.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
		values[name] = listFields.includes(name) ? all : (all[0] ?? '');
	}
	for (const name of listFields) values[name] ??= [];
	return values;
}
