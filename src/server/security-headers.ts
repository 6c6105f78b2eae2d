import type { IncomingMessage } from 'node:http';

/**
 * Headers for every response, static or on demand. Astro's CSP reaches prerendered pages only
 * as a `<meta>` tag, where `frame-ancestors` has no effect, so the framing and plugin rules
 * are sent here as a header on everything; the script and style hashes stay in the page.
 */
export function securityHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {
		'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
		'X-Content-Type-Options': 'nosniff',
		// Not `no-referrer`: with it browsers send `Origin: null` on form posts, which the origin check
		// must refuse. `same-origin` gives other origins exactly as little.
		'Referrer-Policy': 'same-origin',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
	};
	// HSTS only means something over HTTPS (directly or behind a TLS-terminating proxy).
	const proto = req.headers['x-forwarded-proto'];
	if ((req.socket as { encrypted?: boolean }).encrypted || (process.env.TRUST_PROXY && proto === 'https')) {
		headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
	}
	return headers;
}
