/** The pages of the built site, read from its sitemap, plus the pages a sitemap leaves out. */
import type { APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountryCode } from '../../src/lib/country-codes.ts';
import { LOCALES, type Locale } from '../../src/lib/locales.ts';
import { TEST_CONTENT_DIR } from '../fixtures/app-server.ts';

/** The jurisdictions the test content serves (tests/fixtures/content/site.yaml). */
export const JURISDICTIONS = (parse(readFileSync(join(TEST_CONTENT_DIR, 'site.yaml'), 'utf8')) as { jurisdictions: CountryCode[] }).jurisdictions;

export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
	const index = await (await request.get('/sitemap-index.xml')).text();
	const paths: string[] = [];
	for (const [, sitemap] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
		const xml = await (await request.get(new URL(sitemap!).pathname)).text();
		for (const [, loc] of xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc!).pathname);
	}
	return paths;
}

/** Every page a visitor can reach: the sitemap, the language chooser and each locale's 404. */
export async function allPages(request: APIRequestContext): Promise<string[]> {
	return [...(await sitemapPaths(request)), '/', ...LOCALES.map((l) => `/${l}/no-such-page/`)];
}

/**
 * The pages of one locale: with a jurisdiction, the pages of that country (`/<locale>/<cc>/…`);
 * without, the pages outside any country (the country chooser `/<locale>/` and the 404 page).
 * Lets long walks over every page run as one short test per locale × jurisdiction.
 */
export async function pagesOf(request: APIRequestContext, locale: Locale, jurisdiction?: CountryCode): Promise<string[]> {
	const prefix = jurisdiction ? `/${locale}/${jurisdiction.toLowerCase()}/` : undefined;
	const paths = await sitemapPaths(request);
	return prefix ? paths.filter((p) => p.startsWith(prefix)) : [`/${locale}/`, `/${locale}/no-such-page/`];
}
