import type { APIRoute } from 'astro';

/** Everything may be indexed; points crawlers at the sitemap for the configured SITE_URL. */
export const GET: APIRoute = ({ site }) =>
	new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap-index.xml', site).href}\n`, {
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	});
