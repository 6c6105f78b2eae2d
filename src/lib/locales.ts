/**
 * The locales the kit ships; a deployment enables some or all of them (`locales` in
 * `content/site.yaml`), and only those get pages.
 * Kept in code (not only in content) because types such as `Locale` and the typed `t()`
 * are derived from it.
 */
export const LOCALES = ['en', 'de', 'da', 'bg', 'hu'] as const;

export type Locale = (typeof LOCALES)[number];

/** Each locale's own name for itself, shown in the language switcher and on `/`. */
export const LOCALE_NAMES: Record<Locale, string> = {
	en: 'English',
	de: 'Deutsch',
	da: 'Dansk',
	bg: 'Български',
	hu: 'Magyar',
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale a path belongs to (`/de/when-to-notify/` → `de`), or undefined outside a locale. */
export function localeFromPath(pathname: string): Locale | undefined {
	const first = pathname.split('/')[1];
	return isLocale(first) ? first : undefined;
}
