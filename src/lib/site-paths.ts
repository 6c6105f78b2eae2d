/**
 * Addresses of the site's pages. The reading language and the country whose law applies (the
 * jurisdiction) are chosen separately and both live in the path, so every address is stable and
 * shareable without cookies:
 *   one jurisdiction:     /<locale>/<slug>/            (the country is implied)
 *   several:              /<locale>/<country>/<slug>/  (country in lower case; /<locale>/ lets the reader choose)
 * The forms keep one address per locale and carry the country as `?country=XX`.
 * Pure, so pages, tests and the sitemap use the same rules.
 */
import type { CountryCode } from './country-codes.ts';
import type { Locale } from './locales.ts';

/** The configured jurisdictions, in the operator's order (`jurisdictions` in content/site.yaml). */
export type Jurisdictions = readonly CountryCode[];

/** True when the reader has to choose a country (and the country is part of the path). */
export function hasChoice(all: Jurisdictions): boolean {
	return all.length > 1;
}

/**
 * Path of a page inside a locale and jurisdiction. `localPath` is the page's own part:
 * "" for the home page, "doubt/" for a guidance page, "search/".
 */
export function pagePath(
	locale: Locale,
	jurisdiction: CountryCode,
	localPath: string,
	all: Jurisdictions,
): string {
	const country = hasChoice(all) ? `${jurisdiction.toLowerCase()}/` : '';
	return `/${locale}/${country}${localPath}`;
}

/** A guidance slug as the page's own part of the path (`index` is the home page). */
export function slugPath(slug: string): string {
	return slug === 'index' ? '' : `${slug}/`;
}

/** A form's address, carrying the country when the reader chose one among several. */
export function formPath(
	locale: Locale,
	form: 'notify' | 'consultation',
	jurisdiction: CountryCode | undefined,
	all: Jurisdictions,
): string {
	return `/${locale}/${form}/${jurisdiction && hasChoice(all) ? `?country=${jurisdiction}` : ''}`;
}

/** An office's own page: below the contacts page of its country, named by its file id. */
export function officePath(
	locale: Locale,
	office: { id: string; country: CountryCode },
	all: Jurisdictions,
): string {
	return pagePath(locale, office.country, `contacts/${office.id}/`, all);
}

/** The office search (on demand, one address per locale like the forms; the country travels in the query). */
export function officeSearchPath(locale: Locale): string {
	return `/${locale}/office-search/`;
}

/**
 * The jurisdiction a path belongs to: the country segment after the locale when there are
 * several, the only one when there is one, undefined where no country was chosen (`/`, `/<locale>/`).
 */
export function jurisdictionFromPath(
	pathname: string,
	all: Jurisdictions,
): CountryCode | undefined {
	if (!hasChoice(all)) return all[0];
	const segment = pathname.split('/')[2]?.toUpperCase();
	return all.find((code) => code === segment);
}

/** A country code from a query or form value, if it is one of the configured jurisdictions. */
export function configuredJurisdiction(
	value: unknown,
	all: Jurisdictions,
): CountryCode | undefined {
	if (typeof value !== 'string') return undefined;
	const code = value.toUpperCase();
	return all.find((c) => c === code);
}

/**
 * Rewrites a link written in guidance text as `/<locale>/<slug>/` (or `/<locale>/` for the home
 * page) to the page of the reader's jurisdiction, and a link to a form to carry the country.
 * Other links are left as they are.
 */
export function localiseLink(
	href: string,
	locale: Locale,
	jurisdiction: CountryCode | undefined,
	all: Jurisdictions,
): string {
	const prefix = `/${locale}/`;
	if (!jurisdiction || !href.startsWith(prefix)) return href;
	const [path = '', hash] = href.split('#') as [string, string | undefined];
	const rest = path.slice(prefix.length);
	const form = /^(notify|consultation)\/$/.exec(rest)?.[1] as 'notify' | 'consultation' | undefined;
	const target = form
		? formPath(locale, form, jurisdiction, all)
		: pagePath(locale, jurisdiction, rest, all);
	return hash === undefined ? target : `${target}#${hash}`;
}
