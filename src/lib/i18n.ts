/**
 * Interface strings: the schema every `content/ui/<locale>.yaml` must satisfy. The translator
 * itself is in translate.ts, which the islands import without this schema.
 */
import { z } from 'zod';
import type { UiStrings } from './translate.ts';
import { PLURAL_KEYS, UI_KEYS } from './ui-keys.ts';

const text = z.string().trim().min(1);
const pluralKeys: ReadonlySet<string> = new Set(PLURAL_KEYS);

/**
 * The strings of one locale. Every key required, no unknown keys: a typo or a missing translation
 * names the key. A plural string has exactly the forms its language needs (CLDR, as
 * `Intl.PluralRules` knows them): Bulgarian and Hungarian `one` and `other`, Polish would add
 * `few` and `many`.
 */
export function uiSchemaFor(locale: string): z.ZodType<UiStrings> {
	const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
	const forms = z.strictObject(Object.fromEntries(categories.map((c) => [c, text])));
	return z.strictObject(
		Object.fromEntries(UI_KEYS.map((k) => [k, pluralKeys.has(k) ? forms : text])),
	) as unknown as z.ZodType<UiStrings>;
}

/** Reads `content/ui/<locale>.yaml`'s data; an error names the file and every wrong key. */
export function parseUiStrings(locale: string, data: unknown, file: string): UiStrings {
	const result = uiSchemaFor(locale).safeParse(data);
	if (!result.success)
		throw new Error(
			result.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`).join('\n'),
		);
	return result.data;
}

/** The strings whose keys start with one of `prefixes`: what an island needs, and no more. */
export function pickStrings(strings: UiStrings, prefixes: readonly string[]): Partial<UiStrings> {
	return Object.fromEntries(
		Object.entries(strings).filter(([key]) => prefixes.some((p) => key.startsWith(p))),
	);
}
