/** The pages of the built site, read from its sitemap, plus the pages a sitemap leaves out. */
import type { APIRequestContext } from '@playwright/test';
import { LOCALES, localeFromPath, type Locale } from '../../src/lib/locales.ts';

export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
	const index = await (await request.get('/sitemap-index.xml')).text();
	const paths: string[] = [];
	for (const [, sitemap] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
		const xml = await (await request.get(new URL(sitemap!).pathname)).text();
		for (const [, loc] of xml.matchAll(/<url><loc>([^<]+)<\/loc>/g)) paths.push(new URL(loc!).pathname);
	}
	return paths;
}

/** Every page a visitor can reach, once each: the sitemap, the language chooser and each locale's 404. */
export async function allPages(request: APIRequestContext): Promise<string[]> {
	return [...new Set([...(await sitemapPaths(request)), '/', ...LOCALES.map((l) => `/${l}/no-such-page/`)])];
}

/**
 * A share of the site's pages for one test: the walks over every page are split so that each
 * test stays short on a busy machine and a failure names its locale. `locale` undefined means the
 * pages outside every locale (the language chooser).
 */
export interface PageGroup {
	name: string;
	locale: Locale | undefined;
	share: number;
	shares: number;
}

/**
 * Each locale in `shares` groups, then the pages outside the locales. Whatever the site holds,
 * the groups together take every page exactly once (`pagesIn`), so splitting a walk loses none.
 */
export function pageGroups(shares = 1): PageGroup[] {
	const perLocale = LOCALES.flatMap((locale) =>
		Array.from({ length: shares }, (_, share) => ({ name: shares > 1 ? `${locale} (${share + 1} of ${shares})` : locale, locale, share, shares })),
	);
	return [...perLocale, { name: 'outside the locales', locale: undefined, share: 0, shares: 1 }];
}

/** The group's pages among `paths`: its locale's, every `shares`-th one from `share` on. */
export function pagesIn(paths: string[], group: PageGroup): string[] {
	return paths.filter((p) => localeFromPath(p) === group.locale).filter((_, i) => i % group.shares === group.share);
}
