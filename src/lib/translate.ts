/**
 * The one translator: every page, island, e-mail, calendar file and server answer reads its
 * words through `createTranslator`. Runs in the browser too (islands, search), so it imports no
 * schema and no Node: the keys come in as types only.
 *
 * - A key is a `UiKey`; a key that is not one is a type error. A key composed at run time
 *   (`composedKey`) that the strings lack throws, naming the key: the build or a test fails,
 *   and no reader ever sees a raw key.
 * - `{name}` placeholders are filled from `vars`; one without a value throws too, because a
 *   visible "{number}" on an emergency notice is worse than a failed build.
 * - A plural string (`PLURAL_KEYS`) holds one form per CLDR plural category of its locale and
 *   is chosen by `Intl.PluralRules` for `vars.count`.
 */
import { interpolate } from './interpolate.ts';
import type { PluralKey, UiKey } from './ui-keys.ts';

/** The forms of a plural string by CLDR category ("one", "few", …); `other` is always there. */
export type PluralForms = { [C in Intl.LDMLPluralRule]?: string } & { other: string };

/** Every interface string of one locale; plural keys hold their forms. */
export type UiStrings = { [K in UiKey]: K extends PluralKey ? PluralForms : string };

export type Vars = Record<string, string | number>;

/** A plural string needs its number; any other takes optional values. */
type ArgsOf<K> = K extends PluralKey ? [vars: Vars & { count: number }] : [vars?: Vars | undefined];

export type Translate = <Key extends UiKey>(key: Key, ...args: ArgsOf<Key>) => string;

/**
 * A key put together from parts at run time (`notify.${step}.title`). The type cannot check it;
 * the translator does, when it is used.
 */
export function composedKey(key: string): UiKey {
	return key as UiKey;
}

/** `strings`: all of a locale's strings, or the part of them an island was given. */
export function createTranslator(locale: string, strings: Partial<UiStrings>): Translate {
	const plurals = new Intl.PluralRules(locale);
	return (key, ...[vars = {}]) => {
		const text: string | PluralForms | undefined = strings[key];
		if (text === undefined) throw new Error(`No UI string "${key}" for ${locale}`);
		let template: string;
		if (typeof text === 'string') template = text;
		else {
			const count = vars['count'];
			if (typeof count !== 'number')
				throw new Error(`UI string "${key}" needs a number for {count}`);
			template = text[plurals.select(count)] ?? text.other;
		}
		return interpolate(template, vars, (name) => {
			throw new Error(`UI string "${key}" needs a value for {${name}}`);
		});
	};
}
