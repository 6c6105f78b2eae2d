/**
 * Who is asking, for the rate limit: the socket's address, or – only when a trusted reverse
 * proxy is in front (TRUST_PROXY) – the address that proxy appended to X-Forwarded-For (the
 * last one; anything before it is whatever the client claimed). IPv6 addresses count per /64,
 * since one connection can have a whole /64 to rotate through.
 */
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	const forwarded = req.headers['x-forwarded-for'];
	const claimed =
		trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
	const address = (claimed || req.socket.remoteAddress || 'unknown').replace(
		/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/,
		'',
	);
	if (!isIPv6(address)) return address;
	const groups = expandIPv6(address);
	return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** "2001:db8::1" → ["2001", "db8", "0", "0", "0", "0", "0", "1"]. */
function expandIPv6(address: string): string[] | undefined {
	const [head = '', tail] = address.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const missing = 8 - left.length - right.length;
	if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
	return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((g) =>
		g.toLowerCase().replace(/^0+(?=.)/, ''),
	);
}
