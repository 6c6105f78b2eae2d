import { describe, expect, it } from 'vitest';
import { createTranslator, uiSchema } from '../../src/lib/i18n.ts';
import { LOCALES, localeFromPath } from '../../src/lib/locales.ts';
import { UI_KEYS } from '../../src/lib/ui-keys.ts';
import { readYaml } from './content-files.ts';

describe('UI strings', () => {
	it.each(LOCALES)('%s defines every key, and no other', (locale) => {
		const strings = readYaml(`ui/${locale}.yaml`) as Record<string, unknown>;
		const missing = UI_KEYS.filter((k) => !(k in strings));
		const unknown = Object.keys(strings).filter((k) => !(UI_KEYS as readonly string[]).includes(k));
		expect({ locale, missing, unknown }).toEqual({ locale, missing: [], unknown: [] });
		expect(uiSchema.safeParse(strings).success).toBe(true);
	});

	it.each(LOCALES)('%s keeps the placeholders of the English strings', (locale) => {
		const en = readYaml('ui/en.yaml') as Record<string, string>;
		const other = readYaml(`ui/${locale}.yaml`) as Record<string, string>;
		const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
		for (const key of UI_KEYS) expect([key, placeholders(other[key]!)]).toEqual([key, placeholders(en[key]!)]);
	});

	it('a missing key is reported by name', () => {
		const strings = { ...(readYaml('ui/en.yaml') as Record<string, string>) };
		delete strings['emergency.text'];
		const result = uiSchema.safeParse(strings);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['emergency.text']);
	});

	it('an unknown key is refused', () => {
		const result = uiSchema.safeParse({ ...(readYaml('ui/en.yaml') as object), 'emergency.txet': 'x' });
		expect(result.success).toBe(false);
	});
});

describe('createTranslator', () => {
	const t = createTranslator(uiSchema.parse(readYaml('ui/en.yaml')));

	it('fills placeholders', () => {
		expect(t('emergency.callNow', { number: '112' })).toBe('Call 112 now');
	});

	it('refuses to render a placeholder without a value', () => {
		expect(() => t('emergency.callNow')).toThrow('UI string "emergency.callNow" needs a value for {number}');
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
