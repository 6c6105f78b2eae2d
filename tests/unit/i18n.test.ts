import { describe, expect, it } from 'vitest';
import { parseUiStrings, uiSchemaFor } from '../../src/lib/i18n.ts';
import { LOCALES, localeFromPath } from '../../src/lib/locales.ts';
import { composedKey, createTranslator, type UiStrings } from '../../src/lib/translate.ts';
import { PLURAL_KEYS, UI_KEYS } from '../../src/lib/ui-keys.ts';
import { readUi, readYaml, SHIPPED, translatorFor } from './content-files.ts';

const raw = (locale: string) =>
	readYaml(`ui/${locale}.yaml`) as Record<string, string | Record<string, string>>;
/** Every placeholder of a string, over all its plural forms. */
const placeholders = (text: string | Record<string, string>) =>
	[
		...new Set(
			(typeof text === 'string' ? [text] : Object.values(text)).flatMap(
				(s) => s.match(/\{\w+\}/g) ?? [],
			),
		),
	].sort();

describe('UI strings', () => {
	it.each(LOCALES)(
		"%s defines every key, and no other – in the tests' content and in the shipped one",
		(locale) => {
			for (const dir of [undefined, SHIPPED]) {
				const strings = readYaml(`ui/${locale}.yaml`, dir) as Record<string, unknown>;
				const missing = UI_KEYS.filter((k) => !(k in strings));
				const unknown = Object.keys(strings).filter(
					(k) => !(UI_KEYS as readonly string[]).includes(k),
				);
				expect({ locale, missing, unknown }).toEqual({ locale, missing: [], unknown: [] });
				expect(uiSchemaFor(locale).safeParse(strings).success).toBe(true);
			}
		},
	);

	it.each(LOCALES)('%s keeps the placeholders of the English strings', (locale) => {
		const en = raw('en');
		const other = raw(locale);
		for (const key of UI_KEYS)
			expect([key, placeholders(other[key]!)]).toEqual([key, placeholders(en[key]!)]);
	});

	it.each(LOCALES)(
		'%s gives each plural string exactly the forms its language has (CLDR)',
		(locale) => {
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
			for (const key of PLURAL_KEYS)
				expect([key, Object.keys(raw(locale)[key]!).sort()]).toEqual([key, [...categories].sort()]);
		},
	);

	it('a plural string without a form its language needs is refused, naming the key and the form', () => {
		const strings = { ...raw('bg'), 'search.results': { other: '{count} намерени страници' } };
		expect(() => parseUiStrings('bg', strings, 'ui/bg.yaml')).toThrow(
			/^ui\/bg\.yaml: search\.results\.one: /,
		);
		const polish = uiSchemaFor('pl').safeParse({ ...raw('en') });
		expect(polish.error?.issues.map((i) => i.path.join('.'))).toEqual(
			expect.arrayContaining(['search.results.few', 'search.results.many']),
		);
	});

	it('a plain string where plural forms belong, or forms where one text belongs, is refused', () => {
		expect(
			uiSchemaFor('en').safeParse({ ...raw('en'), 'search.results': '{count} pages found' })
				.success,
		).toBe(false);
		expect(
			uiSchemaFor('en').safeParse({ ...raw('en'), 'search.title': { one: 'a', other: 'b' } })
				.success,
		).toBe(false);
	});

	it('a missing key is reported by name', () => {
		const strings = { ...raw('en') };
		delete strings['emergency.text'];
		const result = uiSchemaFor('en').safeParse(strings);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['emergency.text']);
	});

	it('an unknown key is refused', () => {
		const result = uiSchemaFor('en').safeParse({ ...raw('en'), 'emergency.txet': 'x' });
		expect(result.success).toBe(false);
	});
});

describe('createTranslator', () => {
	const t = translatorFor('en');

	it('fills placeholders', () => {
		expect(t('emergency.callNow', { number: '112' })).toBe('Call 112 now');
	});

	it('refuses to render a placeholder without a value', () => {
		expect(() => t('emergency.callNow', {})).toThrow(
			'UI string "emergency.callNow" needs a value for {number}',
		);
		expect(() => t('emergency.callNow')).toThrow(
			'UI string "emergency.callNow" needs a value for {number}',
		);
	});

	it('chooses the plural form by the count, per language', () => {
		expect(t('search.results', { count: 1 })).toBe('1 page found');
		expect(t('search.results', { count: 0 })).toBe('0 pages found');
		expect(t('search.results', { count: 7 })).toBe('7 pages found');
		const de = translatorFor('de');
		expect(de('rate.text', { count: 1 })).toContain('1 Sekunde ');
		expect(de('rate.text', { count: 30 })).toContain('30 Sekunden ');
		const bg = translatorFor('bg');
		expect(bg('operator.retentionDelivered', { count: 1 })).toContain('1 ден ');
		expect(bg('operator.retentionDelivered', { count: 7 })).toContain('7 дни ');
		// Hungarian counts with the singular noun: both forms read the same.
		expect(translatorFor('hu')('search.results', { count: 1 })).toBe('1 találat');
	});

	it('uses the categories of the locale it was made for, not English', () => {
		// Polish has "few" (2–4) and "many" (5+): a translator for pl picks them from the same numbers.
		const strings = {
			'search.results': {
				one: '{count} strona',
				few: '{count} strony',
				many: '{count} stron',
				other: '{count} strony',
			},
		} as Partial<UiStrings>;
		const pl = createTranslator('pl', strings);
		expect([1, 3, 5, 22, 25].map((count) => pl('search.results', { count }))).toEqual([
			'1 strona',
			'3 strony',
			'5 stron',
			'22 strony',
			'25 stron',
		]);
	});

	it('refuses a plural string without a number', () => {
		// @ts-expect-error – a plural key needs its count; the type says so, the translator too.
		expect(() => t('search.results')).toThrow(
			'UI string "search.results" needs a number for {count}',
		);
	});

	it('never shows a key it does not have: a composed key that is no UI string throws with its name', () => {
		expect(() => t(composedKey('notify.nonsense.label'))).toThrow(
			'No UI string "notify.nonsense.label" for en',
		);
		// An island gets only some strings: a key outside them throws too, instead of showing itself.
		const island = createTranslator('en', { 'notify.title': readUi('en')['notify.title'] });
		expect(island('notify.title')).toBe(readUi('en')['notify.title']);
		expect(() => island('booking.title')).toThrow('No UI string "booking.title" for en');
	});

	it('checks the key at compile time', () => {
		// @ts-expect-error – not a UI key.
		expect(() => t('emergency.txet')).toThrow('No UI string "emergency.txet"');
	});
});

describe('localeFromPath', () => {
	it('reads the first segment', () => {
		expect(localeFromPath('/bg/doubt/')).toBe('bg');
		expect(localeFromPath('/')).toBeUndefined();
		expect(localeFromPath('/xx/doubt/')).toBeUndefined();
		expect(localeFromPath('/english/')).toBeUndefined();
	});
});
