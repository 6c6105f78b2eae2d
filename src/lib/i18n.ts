/**
 * Interface strings: the schema every `content/ui/<locale>.yaml` must satisfy and the typed
 * translator created once per request. Runs in the browser too (islands), so no Node imports.
 */
import { z } from 'zod';
import { interpolate } from './interpolate.ts';
import { UI_KEYS, type UiKey } from './ui-keys.ts';

/** Every key required, no unknown keys: a typo or a missing translation names the key. */
export const uiSchema = z.strictObject(
	Object.fromEntries(UI_KEYS.map((k) => [k, z.string().trim().min(1)])) as Record<UiKey, z.ZodString>,
);
export type UiStrings = z.infer<typeof uiSchema>;

export type Translate = (key: UiKey, vars?: Record<string, string | number>) => string;

/**
 * A translator for one locale. `{name}` placeholders are replaced by `vars`; a placeholder
 * without a value is an error, because a visible "{number}" on an emergency notice is worse
 * than a failed build.
 */
export function createTranslator(strings: UiStrings): Translate {
	return (key, vars = {}) =>
		interpolate(strings[key], vars, (name) => {
			throw new Error(`UI string "${key}" needs a value for {${name}}`);
		});
}

/** The strings whose keys start with one of `prefixes`: what an island needs, and no more. */
export function pickStrings(strings: UiStrings, prefixes: readonly string[]): Record<string, string> {
	return Object.fromEntries(Object.entries(strings).filter(([key]) => prefixes.some((p) => key.startsWith(p))));
}
