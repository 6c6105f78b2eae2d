// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parse } from 'yaml';

// The public origin the pages are built for; `npm start` refuses to serve a build made for another.
const SITE_URL = process.env.SITE_URL || 'http://127.0.0.1:4321';
/** The content folder this build uses: `content/`, or the tests' own content (`CONTENT_DIR`). */
const CONTENT_DIR = resolve(process.env.CONTENT_DIR || 'content');
// site.yaml is validated by the content schema during the build; here only what the sitemap needs is read.
const site = parse(readFileSync(`${CONTENT_DIR}/site.yaml`, 'utf8'));
/** The deployment's reading languages (`locales` in site.yaml; all five when not set). */
const LOCALES = /** @type {string[]} */ (site.locales ?? ['en', 'de', 'da', 'bg', 'hu']);
/** The configured jurisdictions, in the operator's order. */
const jurisdictions = /** @type {string[]} */ (site.jurisdictions ?? []);
const several = jurisdictions.length > 1;
/**
 * The forms are rendered on demand, so the sitemap would not know them: listed here for every
 * locale (one address per locale; the country travels as `?country=`), unless site.yaml switches
 * them off (then their addresses answer 404).
 */
const FORM_PAGES = [
	site.features?.notify !== false && 'notify',
	site.features?.consultation !== false && 'consultation',
].filter(Boolean);

/**
 * Writes `dist/build-info.json`: what the server must agree with to serve this build – the public
 * origin and the content folder (so a build of the tests' content is never served as the site).
 */
/** @type {import('astro').AstroIntegration} */
const buildInfo = {
	name: 'build-info',
	hooks: {
		'astro:build:done': ({ dir }) => {
			writeFileSync(
				new URL('../build-info.json', dir),
				JSON.stringify({ siteUrl: SITE_URL, contentDir: CONTENT_DIR }),
			);
		},
	},
};

/**
 * hreflang alternates for a sitemap entry, as the pages declare them: with several
 * jurisdictions every locale × country variant ("de-DK"), otherwise every locale.
 * @param {string} url
 */
function alternates(url) {
	const { origin, pathname } = new URL(url);
	const [, locale, ...rest] = pathname.split('/');
	if (!LOCALES.includes(locale ?? '')) return undefined;
	if (!several)
		return LOCALES.map((l) => ({ lang: l, url: `${origin}/${[l, ...rest].join('/')}` }));
	const [country, ...page] = rest;
	if (!jurisdictions.includes((country ?? '').toUpperCase())) return undefined;
	// An office's page (contacts/<office>/) exists in its own country only.
	const countries =
		page[0] === 'contacts' && page[1] ? [(country ?? '').toUpperCase()] : jurisdictions;
	return LOCALES.flatMap((l) =>
		countries.map((j) => ({
			lang: `${l}-${j}`,
			url: `${origin}/${[l, j.toLowerCase(), ...page].join('/')}`,
		})),
	);
}

/**
 * False for pages built only so that addresses from another number of jurisdictions keep
 * working (see src/pages/[locale]/[...slug].astro).
 * @param {string} url
 */
function keepsItsAddress(url) {
	const [, locale, second] = new URL(url).pathname.split('/');
	if (!LOCALES.includes(locale ?? '') || !second) return true;
	const code = second.toUpperCase();
	return several
		? jurisdictions.includes(code) || FORM_PAGES.includes(second)
		: jurisdictions[0] !== code;
}

export default defineConfig({
	// The content layer's cache, one per content folder: a build of the tests' content (or of a
	// test's own copy) never reuses or overwrites the entries of another.
	cacheDir: `./node_modules/.astro/${createHash('sha256').update(CONTENT_DIR).digest('hex').slice(0, 12)}`,
	// Canonical origin for the sitemap and alternate links; a deployment sets SITE_URL.
	site: SITE_URL,
	trailingSlash: 'always',
	// Guidance pages are prerendered; only form pages and endpoints opt out with `prerender = false`.
	output: 'static',
	// Middleware mode: our server (src/server/http-server.ts) serves the built files and hands
	// on-demand requests to Astro with the services it built (`locals`). It reads and limits
	// every body itself, before Astro sees it; `staticHeaders` records each prerendered page's
	// CSP in dist/_headers.json for it to send.
	adapter: node({ mode: 'middleware', staticHeaders: true }),
	integrations: [
		buildInfo,
		mdx(),
		preact(),
		sitemap({
			// Error pages and the office workspace (signed in, noindex) are no content to index; the
			// language chooser at `/` is the way in. Pages
			// that only keep old addresses working are left out too: with several countries a
			// page's one-country address (a country chooser), with one the country's own address
			// (a redirect).
			filter: (page) =>
				!page.includes('/404') &&
				!new URL(page).pathname.startsWith('/office/') &&
				keepsItsAddress(page),
			customPages: LOCALES.flatMap((l) =>
				FORM_PAGES.map((form) => new URL(`/${l}/${form}/`, SITE_URL).href),
			),
			serialize: (item) => {
				const links = alternates(item.url);
				return links ? { ...item, links } : item;
			},
		}),
	],
	build: {
		// Small pages: keep the one stylesheet inline so a first visit is a single request.
		inlineStylesheets: 'always',
	},
	security: {
		// The server checks the origin of every post itself, before the rate limit counts it, and
		// knows the public origin behind a TLS proxy (see src/server/origin-check.ts).
		checkOrigin: false,
		csp: {
			directives: [
				"default-src 'self'",
				"worker-src 'self'",
				"img-src 'self' data:",
				"form-action 'self'",
				"frame-ancestors 'none'",
				"object-src 'none'",
				"base-uri 'none'",
			],
		},
	},
	// No prefetch, no dev toolbar in builds, no telemetry-like extras: pages ship zero JavaScript.
	devToolbar: { enabled: false },
});
