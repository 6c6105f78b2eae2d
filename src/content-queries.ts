/**
 * Typed access to the content collections for pages and components. Kept out of `src/lib`
 * because it imports `astro:content`.
 */
import { getCollection, getEntry } from 'astro:content';
import type { CountryCode } from './lib/content-schemas.ts';
import { createTranslator, type Translate, type UiStrings } from './lib/i18n.ts';
import type { Locale } from './lib/locales.ts';

export async function getSite() {
	const entry = await getEntry('site', 'site');
	if (!entry) throw new Error('content/site.yaml is missing');
	return entry.data;
}

/** The interface strings of a locale as written (placeholders not filled in). */
export async function getUiStrings(locale: Locale): Promise<UiStrings> {
	const entry = await getEntry('ui', locale);
	if (!entry) throw new Error(`content/ui/${locale}.yaml is missing`);
	return entry.data;
}

export async function getTranslator(locale: Locale): Promise<Translate> {
	return createTranslator(await getUiStrings(locale));
}

export async function getCountry(code: CountryCode) {
	const entry = await getEntry('countries', code.toLowerCase());
	if (!entry) throw new Error(`content/countries/${code.toLowerCase()}.yaml is missing`);
	return entry.data;
}

export async function getCountries() {
	return (await getCollection('countries')).map((e) => e.data);
}

/** Offices sorted by country, then name, with their file id. */
export async function getOffices() {
	const entries = await getCollection('offices');
	return entries
		.map((e) => ({ id: e.id, ...e.data }))
		.sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
}

/** The guidance entries of one locale, with the slug split from the id ("de/doubt" → "doubt"). */
export async function getGuidance(locale: Locale) {
	const entries = await getCollection('guidance', (e) => e.id.startsWith(`${locale}/`));
	return entries.map((entry) => ({ entry, slug: entry.id.slice(locale.length + 1) }));
}

/** Menu entries of a locale in their configured order. */
export async function getNavigation(locale: Locale) {
	return (await getGuidance(locale))
		.filter(({ entry }) => entry.data.order !== undefined)
		.sort((a, b) => (a.entry.data.order ?? 0) - (b.entry.data.order ?? 0))
		.map(({ entry, slug }) => ({
			slug,
			label: entry.data.navLabel ?? entry.data.title,
			href: localePath(locale, slug),
		}));
}

/** URL of a page in a locale; `index` is the locale's home. */
export function localePath(locale: Locale, slug: string): string {
	return slug === 'index' ? `/${locale}/` : `/${locale}/${slug}/`;
}
