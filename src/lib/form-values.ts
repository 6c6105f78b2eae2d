/**
 * The answers of a submitted form as a plain object: one string per field, a list for fields
 * that allow several values. Control fields (names starting with "_", such as the button that
 * was pressed) are left out; the schema refuses any other field it does not know.
 */
export type FormValues = Record<string, string | string[]>;

export function formValues(data: FormData, listFields: readonly string[]): FormValues {
	const values: FormValues = {};
	for (const name of new Set(data.keys())) {
		if (name.startsWith('_')) continue;
		const all = data.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
		values[name] = listFields.includes(name) ? all : (all[0] ?? '');
	}
	for (const name of listFields) values[name] ??= [];
	return values;
}
