/**
 * Every link a visitor or a search engine can follow answers 200: a crawl of the built site,
 * served by the real server, from the sitemap and `/`, following every internal `href` (links,
 * the canonical link, hreflang alternates, stylesheets, icons) on every page it reaches, and
 * checking that every link to a fragment (`#main`, `#observation`) names an element on its page.
 * Addresses under the build's canonical origin (SITE_URL) count as internal: they are read as
 * paths on the server under test.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { sitemapPaths } from './site-pages.ts';

/** The origin the site was built for (canonical links and alternates use it). */
const SITE_ORIGIN = new URL(process.env.SITE_URL || 'http://127.0.0.1:4321').origin;

interface Crawl {
	/** Every internal address found, with the status it answered. */
	status: Map<string, number>;
	/** address → pages that link to it */
	from: Map<string, Set<string>>;
	/** Fragment links that name no element, as "page → #id". */
	missingTargets: string[];
	pages: number;
}

const decode = (value: string) =>
	value
		.replace(/&amp;/g, '&')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'");

/** The internal addresses an HTML page refers to, as path + query, and its fragment links. */
function referencesIn(
	html: string,
	pageUrl: URL,
	serverOrigin: string,
): { paths: string[]; fragments: string[] } {
	const paths: string[] = [];
	const fragments: string[] = [];
	for (const [, raw] of html.matchAll(/<(?:a|link|area)\s[^>]*?\bhref="([^"]*)"/g)) {
		const href = decode(raw!);
		if (href.startsWith('#')) {
			if (href.length > 1) fragments.push(href.slice(1));
			continue;
		}
		const url = new URL(href, pageUrl);
		if (!['http:', 'https:'].includes(url.protocol)) continue; // tel:, mailto:
		if (url.origin !== serverOrigin && url.origin !== SITE_ORIGIN) continue;
		paths.push(url.pathname + url.search);
	}
	return { paths, fragments };
}

const idsIn = (html: string) =>
	new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));

async function crawl(
	request: APIRequestContext,
	serverOrigin: string,
	start: string[],
): Promise<Crawl> {
	const result: Crawl = { status: new Map(), from: new Map(), missingTargets: [], pages: 0 };
	const queue = [...new Set(start)];
	for (const path of queue) result.from.set(path, new Set(['(start)']));
	while (queue.length > 0) {
		const path = queue.shift()!;
		if (result.status.has(path)) continue;
		const response = await request.get(path, { maxRedirects: 0 });
		result.status.set(path, response.status());
		if (
			response.status() !== 200 ||
			!(response.headers()['content-type'] ?? '').includes('text/html')
		)
			continue;
		result.pages++;
		const html = await response.text();
		const pageUrl = new URL(path, serverOrigin);
		const { paths, fragments } = referencesIn(html, pageUrl, serverOrigin);
		const ids = idsIn(html);
		for (const id of fragments) if (!ids.has(id)) result.missingTargets.push(`${path} → #${id}`);
		for (const target of paths) {
			if (!result.from.has(target)) result.from.set(target, new Set());
			result.from.get(target)!.add(path);
			if (!result.status.has(target)) queue.push(target);
		}
	}
	return result;
}

test('every internal link, canonical and alternate on every page answers 200', async ({
	request,
	baseURL,
}) => {
	const serverOrigin = new URL(baseURL!).origin;
	const start = [...new Set(['/', ...(await sitemapPaths(request))])];
	const { status, from, missingTargets, pages } = await crawl(request, serverOrigin, start);
	const broken = [...status]
		.filter(([, code]) => code !== 200)
		.map(([path, code]) => `${code} ${path} (from ${[...from.get(path)!].slice(0, 3).join(', ')})`);
	console.log(
		`link check: ${status.size} addresses, ${pages} pages read, ${broken.length} not 200, ${missingTargets.length} fragment links without a target`,
	);
	expect(broken).toEqual([]);
	expect(missingTargets).toEqual([]);
	// The crawl must have reached the whole site, not stopped early.
	expect(pages).toBeGreaterThanOrEqual(start.length);
});

test('the link check notices a broken link', async ({ request, baseURL }) => {
	// A page that does not exist is reported, so a crawl that reports nothing has looked.
	const { status } = await crawl(request, new URL(baseURL!).origin, ['/en/no-such-page/']);
	expect(status.get('/en/no-such-page/')).toBe(404);
});
