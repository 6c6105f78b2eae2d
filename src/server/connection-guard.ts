/**
 * Limits on connections, so idle or deliberately slow clients (slow loris) cannot hold the
 * server: the total is capped by the server (`maxConnections`), and one client address may hold
 * only so many at once. Behind a reverse proxy every connection comes from the proxy, which
 * has its own limits, so the per-address cap is not applied there.
 */
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
	maxConnections: number;
	/** Undefined: no per-address cap (behind a proxy). */
	perAddress: number | undefined;
	headersTimeoutMs: number;
	requestTimeoutMs: number;
	/** How long an idle keep-alive connection stays open. */
	keepAliveTimeoutMs: number;
}

/** Options for `createServer`: the timeouts, checked often enough to mean what they say. */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
	return {
		headersTimeout: limits.headersTimeoutMs,
		requestTimeout: limits.requestTimeoutMs,
		keepAliveTimeout: limits.keepAliveTimeoutMs,
		// Node checks the timeouts on this interval; its default (30 s) would let a slow client stay
		// far longer than the headers timeout says.
		connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
	};
}

/** The caps on open connections, once the server exists. */
export function capConnections(server: Server, limits: ConnectionLimits): void {
	server.maxConnections = limits.maxConnections;
	const cap = limits.perAddress;
	if (cap === undefined) return;

	const open = new Map<string, number>();
	server.on('connection', (socket: Socket) => {
		const address = socket.remoteAddress ?? 'unknown';
		const count = (open.get(address) ?? 0) + 1;
		if (count > cap) {
			socket.destroy();
			return;
		}
		open.set(address, count);
		socket.once('close', () => {
			const left = (open.get(address) ?? 1) - 1;
			if (left > 0) open.set(address, left);
			else open.delete(address);
		});
	});
}
