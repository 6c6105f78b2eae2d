/**
 * Cross-site form posts are refused: a post must come from a page of this site. The browser's
 * `Origin` is compared with the site's public origin (SITE_URL) and with the origin this
 * request was addressed to – behind a TLS-terminating proxy (TRUST_PROXY) that is the proxy's
 * `X-Forwarded-Proto` and `X-Forwarded-Host`, since the app itself only sees plain HTTP.
 * Runs before the rate limit, so a page on another site cannot use up a school's allowance.
 */
import type { IncomingMessage } from 'node:http';

const first = (value: string | string[] | undefined) =>
	(Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();

/** The origin the client addressed, as far as this server can know it. */
export function requestOrigin(req: IncomingMessage, trustProxy: boolean): string | undefined {
	const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
	const proto =
		(trustProxy && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
	const host = (trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host;
	if (!host || (proto !== 'http' && proto !== 'https')) return undefined;
	try {
		return new URL(`${proto}://${host}`).origin;
	} catch {
		return undefined;
	}
}

export function sameOrigin(
	req: IncomingMessage,
	publicOrigin: string,
	trustProxy: boolean,
): boolean {
	const origin = req.headers.origin;
	if (!origin || origin === 'null') return false;
	return origin === publicOrigin || origin === requestOrigin(req, trustProxy);
}
