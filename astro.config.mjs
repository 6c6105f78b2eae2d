// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

const LOCALES = ['en', 'de', 'da', 'bg', 'hu'];

export default defineConfig({
	// Canonical origin for the sitemap and alternate links; a deployment sets SITE_URL.
	site: process.env.SITE_URL || 'http://127.0.0.1:4321',
	trailingSlash: 'always',
	// Guidance pages are prerendered; only form pages and endpoints opt out with `prerender = false`.
	output: 'static',
	// A concern is a few kilobytes; 64 KB leaves room and refuses anything bigger (413).
	adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024, staticHeaders: true }),
	integrations: [
		mdx(),
		preact(),
		sitemap({
			i18n: { defaultLocale: 'en', locales: Object.fromEntries(LOCALES.map((l) => [l, l])) },
			// The language chooser and error pages are no content to index.
			filter: (page) => new URL(page).pathname !== '/' && !page.includes('/404'),
		}),
	],
	build: {
		// Small pages: keep the one stylesheet inline so a first visit is a single request.
		inlineStylesheets: 'always',
	},
	security: {
		csp: {
			directives: ["default-src 'self'", "img-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"],
		},
	},
	// No prefetch, no dev toolbar in builds, no telemetry-like extras: pages ship zero JavaScript.
	devToolbar: { enabled: false },
});
