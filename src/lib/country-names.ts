import type { Locale } from './locales.ts';

/** The country's name in the reader's language, from the platform's CLDR data. */
export function countryName(code: string, locale: Locale): string {
	return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
}
