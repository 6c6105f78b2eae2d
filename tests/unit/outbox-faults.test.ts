/**
 * The outbox under provider faults, with a real SQLite store and simulated time: a long outage,
 * rate limiting (429 + Retry-After), and retention of delivered and undelivered bodies. The
 * worker's `sleep` advances a fake clock instead of waiting, so days run in milliseconds.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeHealthDetails } from '../../src/server/health.ts';

/** The operator's token for the detailed health answer. */
const OPS = 'operator-token-for-tests';
import type { MailTransport, SendOutcome } from '../../src/server/mail/mail-message.ts';
import {
	startOutboxWorker,
	type OutboxWorker,
	type WorkerOptions,
} from '../../src/server/outbox-worker.ts';
import { BACKOFF } from '../../src/server/retry-policy.ts';
import {
	openSqliteStore,
	type MessageKind,
	type Store,
	type Accepted,
} from '../../src/server/store.ts';
import { BODY_MARKER, MAIL, tick, until } from '../fixtures/outbox-harness.ts';

/** Hours of simulated time take many turns of the worker's loop. */
const untilSimulated = (condition: () => boolean | Promise<boolean>, what: string) =>
	until(condition, what, 2_000_000);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** outbox-worker.ts purges at most once per hour of its clock. */
const PURGE_EVERY = HOUR;
const T0 = 1_700_000_000_000;
const BOTH: MessageKind[] = ['concern-office', 'concern-receipt'];

const TEMPORARY: SendOutcome = { ok: false, retry: true, reason: 'resend 503' };

interface Call {
	key: string;
	at: number;
	outcome: SendOutcome;
}

/** A transport whose answer depends on the idempotency key and the simulated time of the call. */
function fakeTransport(answer: (key: string, at: number) => SendOutcome) {
	const calls: Call[] = [];
	const transport: MailTransport = {
		name: 'fake',
		async send(message, key) {
			expect(message).toBe(MAIL);
			const at = clock.now;
			const outcome = answer(key, at);
			calls.push({ key, at, outcome });
			return outcome;
		},
	};
	return { transport, calls };
}

/** The most calls in any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last]! - sorted[first]! >= windowMs) first++;
		max = Math.max(max, last - first + 1);
	}
	return max;
}

/** How many sends per idempotency key the transport answered with success. */
function successesByKey(calls: Call[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const c of calls) if (c.outcome.ok) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
	return counts;
}

/** What GET /healthz would answer at the simulated time. */
async function healthz(): Promise<{
	status: string;
	outbox: { pending: number; dead: number; sent: number };
}> {
	let body = '';
	const res = {
		writeHead: () => res,
		end: (chunk: string) => {
			body = chunk;
		},
	} as unknown as ServerResponse;
	await writeHealthDetails(
		store,
		{ headers: { authorization: `Bearer ${OPS}` } } as IncomingMessage,
		res,
		OPS,
		clock.now,
	);
	return JSON.parse(body) as Awaited<ReturnType<typeof healthz>>;
}

const minutes = (ms: number) => `${(ms / MINUTE).toFixed(1)} min`;

/**
 * The store on tmpfs where there is one: with `synchronous = FULL` every commit is an fsync
 * (about 1 ms on disk, 20 µs on tmpfs) and these runs make thousands. Durability is not what
 * this file tests (see the crash tests); the SQL and the worker are the same.
 */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
/** Real-time budget per test: they take about a second, but a loaded machine must not fail them. */
const TIMEOUT = 20_000;

let dir: string;
let store: Store;
let clock: { now: number };
let lines: string[];
let worker: OutboxWorker | undefined;

beforeEach(async () => {
	dir = mkdtempSync(join(SCRATCH, 'outbox-faults-test-'));
	store = openSqliteStore(dir);
	clock = { now: T0 };
	lines = [];
	worker = undefined;
});

afterEach(async () => {
	await worker?.stop();
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

async function accept(id: string, messages: MessageKind[] = BOTH): Promise<string> {
	const body = new TextEncoder().encode(`sealed:${BODY_MARKER}:${id}`);
	const { reference } = (await store.accept({
		id,
		kind: 'concern',
		officeId: 'de-musterstadt',
		locale: 'de',
		body,
		messages,
		now: clock.now,
	})) as Accepted;
	// Closed by the office at once: retention counts from the delivery alone (an open concern keeps its body).
	await store.office.setStatus(id, 'closed', 'case-worker', clock.now);
	return reference;
}

function start(transport: MailTransport, overrides: Partial<WorkerOptions> = {}): OutboxWorker {
	worker = startOutboxWorker({
		store,
		transport,
		// Like the production renderer: no e-mail once the body is gone.
		render: async (m) => ((await store.body(m.submissionId)) ? MAIL : undefined),
		ratePerSecond: 2,
		retention: { deliveredDays: 7, undeliveredDays: 30 },
		now: () => clock.now,
		// Fake time: every wait advances the clock at once (a wake-up is not needed: nothing waits).
		sleep: async (ms) => {
			clock.now += ms;
			await tick();
		},
		log: (line) => lines.push(line),
		pollMs: 1000,
		retryBaseMs: BACKOFF.baseMs,
		...overrides,
	});
	return worker;
}

describe('outbox under provider faults (SQLite store, simulated clock)', {
	timeout: TIMEOUT,
}, () => {
	it('6 h outage, 120 submissions / 240 messages: each delivered exactly once, none dead, ≤ 2 sends in any 1 s window, backlog drained ≤ 5 min after recovery', async () => {
		const SUBMISSIONS = 120;
		const OUTAGE = 6 * HOUR;
		const RATE = 2;
		const recoveredAt = T0 + OUTAGE;
		const { transport, calls } = fakeTransport((key, at) =>
			at < recoveredAt ? TEMPORARY : { ok: true, providerId: `re-${key}` },
		);
		const w = start(transport, { ratePerSecond: RATE });

		// One submission every 2 simulated seconds: the first 4 minutes, all during the outage.
		const expectedKeys: string[] = [];
		for (let i = 0; i < SUBMISSIONS; i++) {
			await untilSimulated(() => clock.now >= T0 + i * 2 * SECOND, `submission ${i}`);
			await accept(`sub-${i}`);
			for (const kind of BOTH) expectedKeys.push(`sub-${i}:${kind}`);
			w.wake();
		}
		expect(clock.now - T0, 'all accepted within the first 5 simulated minutes').toBeLessThan(
			5 * MINUTE,
		);

		await untilSimulated(() => clock.now >= recoveredAt, 'end of the outage');
		expect(successesByKey(calls).size, 'nothing delivered during the outage').toBe(0);
		expect(await store.health(clock.now)).toMatchObject({ pending: 240, dead: 0, sent: 0 });

		await untilSimulated(
			async () => (await store.health(clock.now)).pending === 0,
			'backlog drained',
		);
		const okCalls = calls.filter((c) => c.outcome.ok);
		const drainedMs = Math.max(...okCalls.map((c) => c.at)) - recoveredAt;
		// A further simulated hour of polling: nothing is sent again.
		const callsWhenDrained = calls.length;
		const later = clock.now + HOUR;
		await untilSimulated(() => clock.now >= later, 'an hour after draining');
		expect(calls.length, 'no send after the backlog drained').toBe(callsWhenDrained);

		// Exactly once: every key has exactly one successful send, none is missing, none extra.
		const successes = successesByKey(calls);
		expect([...successes.keys()].sort()).toEqual([...expectedKeys].sort());
		for (const [key, count] of successes) expect(count, `successful sends of ${key}`).toBe(1);
		expect(await store.health(clock.now)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 0,
			sent: 240,
		});
		expect((await healthz()).status).toBe('ok');

		// Rate limit over every call, failed attempts included.
		const busiest = maxInWindow(
			calls.map((c) => c.at),
			SECOND,
		);
		expect(busiest, `most sends in any 1 s window (of ${calls.length} sends)`).toBeLessThanOrEqual(
			RATE,
		);
		const afterRecovery = calls.filter((c) => c.at >= recoveredAt);
		expect(afterRecovery).toHaveLength(240);
		expect(
			maxInWindow(
				afterRecovery.map((c) => c.at),
				SECOND,
			),
		).toBeLessThanOrEqual(RATE);

		// Once the first retry after recovery succeeds, everything waiting for its (up to 72 min) backoff
		// is due at once: 240 sends at 2 per second take 2 min; the retries spread by jitter find the
		// provider back within seconds.
		const bound = 5 * MINUTE;
		expect(
			drainedMs,
			`drained ${minutes(drainedMs)} after recovery (bound ${minutes(bound)})`,
		).toBeLessThanOrEqual(bound);
		const attempts = new Map<string, number>();
		for (const c of calls) attempts.set(c.key, (attempts.get(c.key) ?? 0) + 1);
		console.info(
			`outage: ${SUBMISSIONS} submissions / 240 messages, ${OUTAGE / HOUR} h outage, ${calls.length} sends in all ` +
				`(${Math.min(...attempts.values())}–${Math.max(...attempts.values())} attempts per message), ` +
				`drained ${minutes(drainedMs)} after recovery, max ${busiest} sends in any 1 s window`,
		);
	});

	it('429 with Retry-After 10 s for the first simulated minute: after each 429 nothing at all is sent until its Retry-After has passed, then each message is delivered once', async () => {
		const RETRY_AFTER = 10 * SECOND;
		const limitedUntil = T0 + MINUTE;
		const rateLimited: SendOutcome = {
			ok: false,
			retry: true,
			retryAfterMs: RETRY_AFTER,
			reason: 'resend 429',
		};
		const { transport, calls } = fakeTransport((key, at) =>
			at < limitedUntil ? rateLimited : { ok: true, providerId: `re-${key}` },
		);
		const expectedKeys: string[] = [];
		for (let i = 0; i < 10; i++) {
			await accept(`sub-${i}`);
			for (const kind of BOTH) expectedKeys.push(`sub-${i}:${kind}`);
		}
		// A 0.5 s backoff base (first retry after 0.4–0.6 s) so that only Retry-After can explain a 10 s gap.
		start(transport, { retryBaseMs: 500, pollMs: 250 });
		await untilSimulated(
			async () => (await store.health(clock.now)).pending === 0,
			'all delivered',
		);

		// The provider's Retry-After holds the whole outbox: the next send of any message waits for it.
		let minGap = Infinity;
		const limited = calls.filter((c) => !c.outcome.ok);
		for (const c of limited) {
			const next = calls.find((n) => n.at > c.at);
			expect(next, 'every 429 is followed by another attempt').toBeDefined();
			expect(
				next!.at - c.at,
				`${next!.at - c.at} ms after a 429 asking for ${RETRY_AFTER} ms`,
			).toBeGreaterThanOrEqual(RETRY_AFTER);
			minGap = Math.min(minGap, next!.at - c.at);
		}
		expect(limited.length, 'the 429 minute at one attempt per Retry-After').toBeGreaterThanOrEqual(
			6,
		);
		expect(limited.length).toBeLessThanOrEqual(7);

		const successes = successesByKey(calls);
		expect([...successes.keys()].sort()).toEqual([...expectedKeys].sort());
		for (const [key, count] of successes) expect(count, `successful sends of ${key}`).toBe(1);
		expect(await store.health(clock.now)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 0,
			sent: 20,
		});
		expect(
			maxInWindow(
				calls.map((c) => c.at),
				SECOND,
			),
		).toBeLessThanOrEqual(2);
		console.info(
			`429: 20 messages, ${limited.length} attempts answered 429 (Retry-After ${RETRY_AFTER / SECOND} s) in the first minute, ` +
				`shortest pause after one ${(minGap / SECOND).toFixed(2)} s, all delivered once by +${((clock.now - T0) / SECOND).toFixed(0)} s`,
		);
	});

	it('retention 7 / 30 days: a delivered body is kept until 7 days after sending, an undelivered one until 30 days; then the body is purged, metadata stays, unsent messages are given up (dead, /healthz degraded) and logged without content', async () => {
		const POLL = 10 * MINUTE;
		const { transport, calls } = fakeTransport((key) =>
			key.startsWith('undelivered:') ? TEMPORARY : { ok: true, providerId: `re-${key}` },
		);
		const deliveredRef = await accept('delivered');
		await accept('undelivered');
		start(transport, { pollMs: POLL });

		await untilSimulated(
			async () => (await store.health(clock.now)).sent === 2,
			'the delivered submission sent',
		);
		const sentAt = Math.max(...calls.filter((c) => c.outcome.ok).map((c) => c.at));
		expect(sentAt - T0).toBeLessThan(MINUTE);

		// 7 days minus a bit (less than one poll, so the clock cannot reach the 7-day mark): kept.
		await untilSimulated(
			() => clock.now >= sentAt + 7 * DAY - 30 * MINUTE,
			'7 days minus 30 minutes',
		);
		expect(clock.now, 'still before the 7-day mark').toBeLessThan(sentAt + 7 * DAY);
		expect(await store.body('delivered'), 'delivered body before 7 days').toBeDefined();

		await untilSimulated(
			async () => (await store.body('delivered')) === undefined,
			'delivered body purged',
		);
		const deliveredPurgedAfter = clock.now - sentAt;
		expect(deliveredPurgedAfter, 'purged only after 7 days').toBeGreaterThan(7 * DAY);
		expect(
			deliveredPurgedAfter - 7 * DAY,
			`purged ${minutes(deliveredPurgedAfter - 7 * DAY)} after the 7-day mark (purge runs hourly)`,
		).toBeLessThanOrEqual(PURGE_EVERY + POLL);
		expect(lines).toContain('outbox: purged 1 delivered and 0 undelivered bodies');
		// Metadata stays: the sent messages still count, and the id still maps to its reference.
		expect(await store.health(clock.now)).toMatchObject({ sent: 2, pending: 2, dead: 0 });
		expect(
			await store.accept({
				id: 'delivered',
				kind: 'concern',
				officeId: 'de-musterstadt',
				locale: 'de',
				body: new Uint8Array(),
				messages: [],
				now: clock.now,
			}),
		).toEqual({
			reference: deliveredRef,
			created: false,
		});
		// The undelivered one is not touched by the 7-day rule.
		expect(await store.body('undelivered'), 'undelivered body after 7 days').toBeDefined();

		await untilSimulated(
			() => clock.now >= T0 + 30 * DAY - 30 * MINUTE,
			'30 days minus 30 minutes',
		);
		expect(clock.now, 'still before the 30-day mark').toBeLessThan(T0 + 30 * DAY);
		expect(await store.body('undelivered'), 'undelivered body before 30 days').toBeDefined();
		expect(await store.health(clock.now)).toMatchObject({ pending: 2, dead: 0, sent: 2 });
		expect((await healthz()).status).toBe('ok');

		await untilSimulated(
			async () => (await store.body('undelivered')) === undefined,
			'undelivered body purged',
		);
		const expiredAt = clock.now;
		expect(expiredAt - T0, 'purged only after 30 days').toBeGreaterThan(30 * DAY);
		expect(
			expiredAt - T0 - 30 * DAY,
			`purged ${minutes(expiredAt - T0 - 30 * DAY)} after the 30-day mark (purge runs hourly)`,
		).toBeLessThanOrEqual(PURGE_EVERY + POLL);
		expect(await store.health(clock.now)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 2,
			sent: 2,
		});
		expect(await healthz()).toMatchObject({
			status: 'degraded',
			outbox: { pending: 0, dead: 2, sent: 2 },
		});
		expect(lines).toContain('outbox: purged 0 delivered and 1 undelivered bodies');

		// Given up for good: two more simulated hours bring no further attempt.
		const undeliveredAttempts = calls.filter((c) => c.key.startsWith('undelivered:')).length;
		const later = clock.now + 2 * HOUR;
		await untilSimulated(() => clock.now >= later, 'two hours after expiry');
		expect(calls.filter((c) => c.key.startsWith('undelivered:') && c.at >= expiredAt)).toEqual([]);

		for (const line of lines) {
			expect(line).not.toContain(BODY_MARKER);
			expect(line).not.toContain('The child said');
			expect(line).not.toContain('sealed:');
		}
		console.info(
			`retention: delivered body purged ${minutes(deliveredPurgedAfter - 7 * DAY)} after 7 days; undelivered body purged ` +
				`${minutes(expiredAt - T0 - 30 * DAY)} after 30 days after ${undeliveredAttempts} failed attempts; ${lines.length} log lines, none with content`,
		);
	});
});
