// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const LOCALES = ['en', 'de', 'da', 'bg', 'hu'];
// The public origin the pages are built for; `npm start` refuses to serve a build made for another.
const SITE_URL = process.env.SITE_URL || 'http://127.0.0.1:4321';
/** The content folder this build uses: `content/`, or the tests' own content (`CONTENT_DIR`). */
const CONTENT_DIR = resolve(process.env.CONTENT_DIR || 'content');
/** The jurisdictions of content/site.yaml (validated by the content schema during the build). */
const jurisdictions = /** @type {string[]} */ (parse(readFileSync(`${CONTENT_DIR}/site.yaml`, 'utf8')).jurisdictions ?? []);
const several = jurisdictions.length > 1;

/**
 * Writes `dist/build-info.json`: what the server must agree with to serve this build – the public
 * origin and the content folder (so a build of the tests' content is never served as the site).
 */
/** @type {import('astro').AstroIntegration} */
const buildInfo = {
	name: 'build-info',
	hooks: {
		'astro:build:done': ({ dir }) => {
			writeFileSync(new URL('../build-info.json', dir), JSON.stringify({ siteUrl: SITE_URL, contentDir: CONTENT_DIR }));
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
	if (!several) return LOCALES.map((l) => ({ lang: l, url: `${origin}/${[l, ...rest].join('/')}` }));
	const [country, ...page] = rest;
	if (!jurisdictions.includes((country ?? '').toUpperCase())) return undefined;
	return LOCALES.flatMap((l) => jurisdictions.map((j) => ({ lang: `${l}-${j}`, url: `${origin}/${[l, j.toLowerCase(), ...page].join('/')}` })));
}

export default defineConfig({
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
			// The language chooser and error pages are no content to index.
			filter: (page) => new URL(page).pathname !== '/' && !page.includes('/404'),
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
			directives: ["default-src 'self'", "img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"],
		},
	},
	// No prefetch, no dev toolbar in builds, no telemetry-like extras: pages ship zero JavaScript.
	devToolbar: { enabled: false },
});
