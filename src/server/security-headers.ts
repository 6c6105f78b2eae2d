import type { IncomingMessage } from 'node:http';

/**
 * Headers for every response. Pages get Astro's full Content-Security-Policy (`security.csp`,
 * with the adapter's `staticHeaders` also for prerendered pages) with hashes for their scripts
 * and styles; the policy here is added to everything else too (files, JSON, the server's own
 * error pages), and browsers enforce both where there are two.
 */
const ASSETS = /^\/(?:_astro|pagefind)\//;

export const STRICT_TRANSPORT: readonly [string, string] = [
	'Strict-Transport-Security',
	'max-age=31536000; includeSubDomains',
];

/** The headers that depend only on the path: built files get them once, at start. */
export function securityHeadersFor(path: string): Record<string, string> {
	// Nothing here is meant to be embedded by other sites: not a page, not a script, not a file.
	const headers: Record<string, string> = {
		'X-Content-Type-Options': 'nosniff',
		'Cross-Origin-Resource-Policy': 'same-origin',
	};
	// Scripts, styles and search files are never documents: policies for documents mean nothing
	// there, and a few hundred bytes of headers on each add up on a first visit.
	if (!ASSETS.test(path)) {
		Object.assign(headers, {
			'Content-Security-Policy':
				"frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
			// Form pages relax this to `same-origin` in a <meta> (see BaseLayout.astro) so posts keep their Origin.
			'Referrer-Policy': 'no-referrer',
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
		});
	}
	return headers;
}

/** HSTS only means something over HTTPS (directly or behind a TLS-terminating proxy). */
export function overHttps(req: IncomingMessage, trustProxy: boolean): boolean {
	return (
		(req.socket as { encrypted?: boolean }).encrypted === true ||
		(trustProxy && req.headers['x-forwarded-proto'] === 'https')
	);
}

export function securityHeaders(req: IncomingMessage, trustProxy: boolean): Record<string, string> {
	const headers = securityHeadersFor(req.url ?? '');
	if (overHttps(req, trustProxy)) headers[STRICT_TRANSPORT[0]] = STRICT_TRANSPORT[1];
	return headers;
}
