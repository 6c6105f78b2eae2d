/** The pages of the built site, read from its sitemap, plus the pages a sitemap leaves out. */
import type { APIRequestContext } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';

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
