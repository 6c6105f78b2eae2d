/**
 * `GET /healthz` for monitoring: 200 while the store answers, with the outbox backlog, the age
 * of the oldest pending e-mail and the number given up on (dead: "degraded"). 503 when the
 * store cannot be read. No submission data, so it is safe to expose.
 */
import type { ServerResponse } from 'node:http';
import type { Store } from './store.ts';

export function writeHealth(store: Store, res: ServerResponse, now = Date.now()): void {
	let status = 200;
	let body: object;
	try {
		const { pending, oldestPendingMs, dead, sent } = store.health(now);
		body = {
			status: dead > 0 ? 'degraded' : 'ok',
			outbox: {
				pending,
				oldestPendingSeconds: oldestPendingMs === null ? null : Math.round(oldestPendingMs / 1000),
				dead,
				sent,
			},
		};
	} catch (error) {
		console.error(`healthz: store unavailable: ${(error as Error).name}`);
		status = 503;
		body = { status: 'unavailable' };
	}
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
	res.end(JSON.stringify(body));
}
