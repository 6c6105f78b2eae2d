/**
 * Health for monitoring. `GET /healthz` is public and says only whether the site can accept
 * submissions (`ok`), has given up on an e-mail (`degraded`) or cannot reach its store
 * (`unavailable`, 503), in constant time whatever the size of the outbox. The counts – backlog,
 * age of the oldest pending e-mail, sent, dead – would tell anyone when concerns arrive, so they
 * are at `GET /healthz/details` for the operator only (a bearer token, OPS_TOKEN).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from './store.ts';

function writeJson(
	res: ServerResponse,
	status: number,
	body: object,
	extra: Record<string, string> = {},
): void {
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Cache-Control': 'no-store',
		...extra,
	});
	res.end(JSON.stringify(body));
}

function unavailable(res: ServerResponse, error: unknown): void {
	console.error(`healthz: store unavailable: ${(error as Error).name}`);
	writeJson(res, 503, { status: 'unavailable', database: 'unreachable' });
}

export async function writeHealth(store: Store, res: ServerResponse): Promise<void> {
	try {
		// The question goes to the database: answering it is the database's reachability.
		const dead = await store.anyDead();
		writeJson(res, 200, { status: dead ? 'degraded' : 'ok', database: 'reachable' });
	} catch (error) {
		unavailable(res, error);
	}
}

/** Whether the request carries the operator's token (compared in constant time). */
function authorised(req: IncomingMessage, token: string): boolean {
	const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Without an operator token configured, the endpoint does not exist. */
export async function writeHealthDetails(
	store: Store,
	req: IncomingMessage,
	res: ServerResponse,
	token: string | undefined,
	now = Date.now(),
): Promise<void> {
	if (token === undefined) return writeJson(res, 404, { status: 'not found' });
	if (!authorised(req, token))
		return writeJson(res, 401, { status: 'unauthorised' }, { 'WWW-Authenticate': 'Bearer' });
	try {
		const { pending, oldestPendingMs, dead, sent } = await store.health(now);
		writeJson(res, 200, {
			status: dead > 0 ? 'degraded' : 'ok',
			outbox: {
				pending,
				oldestPendingSeconds: oldestPendingMs === null ? null : Math.round(oldestPendingMs / 1000),
				dead,
				sent,
			},
		});
	} catch (error) {
		unavailable(res, error);
	}
}
