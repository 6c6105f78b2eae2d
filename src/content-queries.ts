/**
 * Typed access to the content collections for pages and components. Kept out of `src/lib`
 * because it imports `astro:content`. Content cannot change while the server runs (it is
 * bundled at build time), so each answer is computed once per process and kept: this keeps
 * on-demand pages (the forms, 404) fast.
 */
import { getCollection, getEntry } from 'astro:content';
import type { CountryCode } from './lib/content-schemas.ts';
import { createTranslator, type Translate, type UiStrings } from './lib/translate.ts';
import type { Locale } from './lib/locales.ts';
import { pagePath, slugPath } from './lib/site-paths.ts';

const cache = new Map<string, Promise<unknown>>();
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
	let value = cache.get(key) as Promise<T> | undefined;
	if (!value) cache.set(key, (value = compute()));
	return value;
}

export function getSite() {
	return once('site', async () => {
		const entry = await getEntry('site', 'site');
		if (!entry) throw new Error('content/site.yaml is missing');
		return entry.data;
	});
}

/** The reading languages this deployment offers (`locales` in site.yaml), default first. */
export function getLocales(): Promise<readonly Locale[]> {
	return once('locales', async () => (await getSite()).locales);
}

/**
 * The countries whose law this site explains, in the operator's order. Each must have its
 * `countries/<code>.yaml`: a missing one fails the build naming both files.
 */
export function getJurisdictions() {
	return once('jurisdictions', async () => {
		const { jurisdictions } = await getSite();
		const known = new Set((await getCollection('countries')).map((e) => e.data.code));
		jurisdictions.forEach((code, i) => {
			if (!known.has(code))
				throw new Error(
					`site.yaml: jurisdictions.${i}: no countries/${code.toLowerCase()}.yaml for ${code}`,
				);
		});
		return jurisdictions;
	});
}

/** The interface strings of a locale as written (placeholders not filled in). */
export function getUiStrings(locale: Locale): Promise<UiStrings> {
	return once(`ui:${locale}`, async () => {
		const entry = await getEntry('ui', locale);
		if (!entry) throw new Error(`content/ui/${locale}.yaml is missing`);
		// Checked by the collection's loader (content.config.ts) against this locale's plural forms.
		return entry.data as UiStrings;
	});
}

export function getTranslator(locale: Locale): Promise<Translate> {
	return once(`t:${locale}`, async () => createTranslator(locale, await getUiStrings(locale)));
}

export function getCountry(code: CountryCode) {
	return once(`country:${code}`, async () => {
		const entry = await getEntry('countries', code.toLowerCase());
		if (!entry) throw new Error(`content/countries/${code.toLowerCase()}.yaml is missing`);
		return entry.data;
	});
}

export function getCountries() {
	return once('countries', async () => (await getCollection('countries')).map((e) => e.data));
}

/** Offices sorted by country, then name, with their file id. Only those of a configured jurisdiction. */
export function getOffices() {
	return once('offices', async () => {
		const jurisdictions: readonly string[] = await getJurisdictions();
		return (await getCollection('offices'))
			.map((e) => ({ id: e.id, ...e.data }))
			.filter((o) => jurisdictions.includes(o.country))
			.sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
	});
}

/**
 * The offices that take notifications. One list for the process, like every answer here: the
 * lookup by area indexes a list once (lib/office-routing.ts), so a list filtered anew on each
 * request would be indexed anew on each request – at national scale 20 ms per form step.
 */
export function getIntakeOffices() {
	return once('offices:intake', async () =>
		(await getOffices()).filter((o) => o.services.includes('notification-intake')),
	);
}

/** The offices that offer consultations and have a specialist with hours: one list, as above. */
export function getConsultationOffices() {
	return once('offices:consultation', async () =>
		(await getOffices()).filter(
			(o) =>
				o.services.includes('consultation') && o.specialists.some((s) => s.availability.length > 0),
		),
	);
}

/**
 * Locale and slug of a guidance entry id: "de/doubt" → de, doubt. The glob loader names a
 * locale's `index.mdx` by its folder alone ("de"), which is the home page, slug "index".
 */
export function guidanceIdParts(id: string): { locale: string; slug: string } {
	const slash = id.indexOf('/');
	return slash === -1
		? { locale: id, slug: 'index' }
		: { locale: id.slice(0, slash), slug: id.slice(slash + 1) };
}

/** The guidance entries of one locale, home page included, with their slugs. */
export async function getGuidance(locale: Locale) {
	const entries = await getCollection('guidance', (e) => guidanceIdParts(e.id).locale === locale);
	return entries.map((entry) => ({ entry, slug: guidanceIdParts(entry.id).slug }));
}

/** Menu entries of a locale and jurisdiction in their configured order. */
export function getNavigation(locale: Locale, jurisdiction: CountryCode) {
	return once(`nav:${locale}:${jurisdiction}`, async () => {
		const all = await getJurisdictions();
		return (await getGuidance(locale))
			.filter(({ entry }) => entry.data.order !== undefined)
			.sort((a, b) => (a.entry.data.order ?? 0) - (b.entry.data.order ?? 0))
			.map(({ entry, slug }) => ({
				slug,
				label: entry.data.navLabel ?? entry.data.title,
				href: pagePath(locale, jurisdiction, slugPath(slug), all),
			}));
	});
}
