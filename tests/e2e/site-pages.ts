/** The pages of the built site, read from its sitemap, plus the pages a sitemap leaves out. */
import type { APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryCode } from '../../src/lib/country-codes.ts';
import { LOCALES, localeFromPath, type Locale } from '../../src/lib/locales.ts';
import { hasChoice, jurisdictionFromPath } from '../../src/lib/site-paths.ts';
import { TEST_CONTENT_DIR } from '../fixtures/app-server.ts';

/** The jurisdictions the test content serves (tests/fixtures/content/site.yaml). */
export const JURISDICTIONS = (
	parse(readFileSync(join(TEST_CONTENT_DIR, 'site.yaml'), 'utf8')) as {
		jurisdictions: CountryCode[];
	}
).jurisdictions;

export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
	const index = await (await request.get('/sitemap-index.xml')).text();
	const paths: string[] = [];
	for (const [, sitemap] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
		const xml = await (await request.get(new URL(sitemap!).pathname)).text();
		for (const [, loc] of xml.matchAll(/<url><loc>([^<]+)<\/loc>/g))
			paths.push(new URL(loc!).pathname);
	}
	return paths;
}

/** Every page a visitor can reach, once each: the sitemap, the language chooser and each locale's 404. */
export async function allPages(request: APIRequestContext): Promise<string[]> {
	return [
		...new Set([
			...(await sitemapPaths(request)),
			'/',
			...LOCALES.map((l) => `/${l}/no-such-page/`),
		]),
	];
}

/**
 * A share of the site's pages for one test: the walks over every page are split so that each
 * test stays short on a busy machine and a failure names its locale and country. `locale`
 * undefined means the pages outside every locale (the language chooser); `jurisdiction`
 * undefined within a locale means its pages outside any country (with several: the country
 * chooser, the forms, the 404 page).
 */
export interface PageGroup {
	name: string;
	locale: Locale | undefined;
	jurisdiction: CountryCode | undefined;
	share: number;
	shares: number;
}

/**
 * Each locale × jurisdiction in `shares` groups, each locale's pages outside a country, then the
 * pages outside the locales. Whatever the site holds, the groups together take every page
 * exactly once (`pagesIn`), so splitting a walk loses none.
 */
export function pageGroups(shares = 1): PageGroup[] {
	const perCountry = LOCALES.flatMap((locale) => [
		...JURISDICTIONS.flatMap((jurisdiction) =>
			Array.from({ length: shares }, (_, share) => ({
				name: `${locale} × ${jurisdiction}${shares > 1 ? ` (${share + 1} of ${shares})` : ''}`,
				locale,
				jurisdiction,
				share,
				shares,
			})),
		),
		...(hasChoice(JURISDICTIONS)
			? [{ name: `${locale}, no country`, locale, jurisdiction: undefined, share: 0, shares: 1 }]
			: []),
	]);
	return [
		...perCountry,
		{
			name: 'outside the locales',
			locale: undefined,
			jurisdiction: undefined,
			share: 0,
			shares: 1,
		},
	];
}

/** The group's pages among `paths`: its locale's and country's, every `shares`-th one from `share` on. */
export function pagesIn(paths: string[], group: PageGroup): string[] {
	return paths
		.filter(
			(p) =>
				localeFromPath(p) === group.locale &&
				(group.locale === undefined ||
					jurisdictionFromPath(p, JURISDICTIONS) === group.jurisdiction),
		)
		.filter((_, i) => i % group.shares === group.share);
}

/** All pages of one locale and country (or, without a country, the locale's pages outside any). */
export async function pagesOf(
	request: APIRequestContext,
	locale: Locale,
	jurisdiction?: CountryCode,
): Promise<string[]> {
	return pagesIn(await allPages(request), { name: '', locale, jurisdiction, share: 0, shares: 1 });
}
