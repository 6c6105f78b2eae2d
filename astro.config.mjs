// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const LOCALES = ['en', 'de', 'da', 'bg', 'hu'];
// The public origin the pages are built for; `npm start` refuses to serve a build made for another.
const SITE_URL = process.env.SITE_URL || 'http://127.0.0.1:4321';
/**
 * The forms are rendered on demand, so the sitemap would not know them: listed here for every
 * locale, unless content/site.yaml switches them off (then their addresses answer 404). The
 * content schema checks the file; here only the two switches are read.
 */
const { features } = parse(readFileSync('./content/site.yaml', 'utf8'));
const FORM_PAGES = [features?.notify !== false && 'notify', features?.consultation !== false && 'consultation'].filter(Boolean);

/** Writes `dist/build-info.json`: what the server must agree with to serve this build. */
/** @type {import('astro').AstroIntegration} */
const buildInfo = {
	name: 'build-info',
	hooks: {
		'astro:build:done': ({ dir }) => {
			writeFileSync(new URL('../build-info.json', dir), JSON.stringify({ siteUrl: SITE_URL }));
		},
	},
};

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
			i18n: { defaultLocale: 'en', locales: Object.fromEntries(LOCALES.map((l) => [l, l])) },
			// Error pages are no content to index; the language chooser at `/` is the way in.
			filter: (page) => !page.includes('/404'),
			customPages: LOCALES.flatMap((l) => FORM_PAGES.map((form) => new URL(`/${l}/${form}/`, SITE_URL).href)),
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
