import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailTransport, SendOutcome } from '../../src/server/mail/mail-message.ts';
import {
	startOutboxWorker,
	type OutboxWorker,
	type WorkerOptions,
} from '../../src/server/outbox-worker.ts';
import {
	openSqliteStore,
	type MessageKind,
	type OutboxMessage,
	type Store,
	type Accepted,
} from '../../src/server/store.ts';
import { BODY_MARKER, MAIL, tick, until } from '../fixtures/outbox-harness.ts';

const T0 = 1_700_000_000_000;

interface Call {
	key: string;
	at: number;
	outcome: SendOutcome | 'threw';
}

type Step = SendOutcome | Error | Promise<SendOutcome>;

/** A transport that answers each call with the next scripted step (then success). */
function scriptedTransport(clock: { now: number }, script: Step[] = []) {
	const calls: Call[] = [];
	const transport: MailTransport = {
		name: 'fake',
		async send(message, idempotencyKey) {
			expect(message).toBe(MAIL);
			const step = script.shift() ?? { ok: true, providerId: `p-${calls.length}` };
			const call: Call = { key: idempotencyKey, at: clock.now, outcome: 'threw' };
			calls.push(call);
			if (step instanceof Error) throw step;
			const outcome = await step;
			call.outcome = outcome;
			return outcome;
		},
	};
	return { transport, calls };
}

let dir: string;
let store: Store;
let clock: { now: number };
let lines: string[];
let sleeps: number[];
let worker: OutboxWorker | undefined;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'outbox-worker-test-'));
	store = openSqliteStore(dir);
	clock = { now: T0 };
	lines = [];
	sleeps = [];
	worker = undefined;
});

afterEach(async () => {
	await worker?.stop();
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

async function accept(id: string, messages: MessageKind[] = ['concern-office']): Promise<string> {
	return (
		(await store.accept({
			id,
			kind: 'concern',
			officeId: 'de-musterstadt',
			locale: 'de',
			body: new Uint8Array([1, 2, 3]),
			messages,
			now: clock.now,
		})) as Accepted
	).reference;
}

function start(transport: MailTransport, overrides: Partial<WorkerOptions> = {}): OutboxWorker {
	worker = startOutboxWorker({
		store,
		transport,
		render: async () => MAIL,
		ratePerSecond: 1000,
		retention: { deliveredDays: 7, undeliveredDays: 30 },
		now: () => clock.now,
		// Fake time: every wait advances the clock at once and yields to the event loop.
		sleep: async (ms) => {
			sleeps.push(ms);
			clock.now += ms;
			await tick();
		},
		log: (line) => lines.push(line),
		pollMs: 1000,
		retryBaseMs: 5000,
		...overrides,
	});
	return worker;
}

const ok = (calls: Call[]) => calls.filter((c) => c.outcome !== 'threw' && c.outcome.ok);

describe('outbox worker', () => {
	it('sends each message once with the idempotency key "<submission>:<kind>" and marks it sent', async () => {
		const reference = await accept('sub-1', ['concern-office', 'concern-receipt']);
		const { transport, calls } = scriptedTransport(clock);
		start(transport);
		await until(async () => (await store.health(clock.now)).sent === 2, 'both sent');
		// Let the worker poll for a while: nothing is sent twice.
		const later = clock.now + 60_000;
		await until(() => clock.now >= later, 'a minute of polling');

		expect(calls.map((c) => c.key).sort()).toEqual([
			'sub-1:concern-office',
			'sub-1:concern-receipt',
		]);
		expect(await store.health(clock.now)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 0,
			sent: 2,
		});
		expect(lines).toContain(`outbox: sent concern-office ${reference} via fake`);
	});

	it('does not send a message whose lease ran out while it waited (another instance has it now)', async () => {
		const reference = await accept('sub-1');
		const { transport, calls } = scriptedTransport(clock);
		// As if another instance had taken the message over during this worker's wait.
		start(transport, { store: { ...store, renewLease: async () => false } });
		await until(
			() => lines.some((l) => l.includes('taken over by another instance')),
			'the claim found taken over',
		);
		expect(calls).toEqual([]);
		expect(lines).toContain(
			`outbox: concern-office ${reference} was taken over by another instance; not sent here`,
		);
	});

	it('retries a temporary failure later with the same key, and then sends it exactly once', async () => {
		await accept('sub-1', ['concern-office', 'concern-receipt']);
		const { transport, calls } = scriptedTransport(clock, [
			{ ok: false, retry: true, reason: 'fake 503' },
		]);
		start(transport);
		await until(async () => (await store.health(clock.now)).sent === 2, 'both sent');
		const later = clock.now + 3600_000;
		await until(() => clock.now >= later, 'an hour of polling');

		expect(calls).toHaveLength(3);
		const failed = calls[0]!;
		const retried = calls.find((c, i) => i > 0 && c.key === failed.key)!;
		expect(retried).toBeDefined();
		// The retry waits at least the first backoff (5 s - 20 % jitter).
		expect(retried.at - failed.at).toBeGreaterThanOrEqual(4000);
		const successes = ok(calls)
			.map((c) => c.key)
			.sort();
		expect(successes).toEqual(['sub-1:concern-office', 'sub-1:concern-receipt']);
		expect(await store.health(clock.now)).toMatchObject({ pending: 0, dead: 0, sent: 2 });
		expect(lines.some((l) => l.startsWith('outbox: will retry') && l.includes('(fake 503)'))).toBe(
			true,
		);
	});

	it('honours retryAfterMs: the next attempt is not before it', async () => {
		await accept('sub-1');
		const { transport, calls } = scriptedTransport(clock, [
			{ ok: false, retry: true, retryAfterMs: 600_000, reason: 'fake 429' },
		]);
		start(transport, { pollMs: 10_000 });
		await until(async () => (await store.health(clock.now)).sent === 1, 'sent');

		expect(calls).toHaveLength(2);
		expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(600_000);
		expect(calls[1]!.at - calls[0]!.at).toBeLessThan(600_000 + 20_000);
	});

	it('gives up a permanent failure and does not retry it', async () => {
		const reference = await accept('sub-1');
		const { transport, calls } = scriptedTransport(clock, [
			{ ok: false, retry: false, reason: 'fake 422' },
		]);
		start(transport, { pollMs: 10_000 });
		await until(async () => (await store.health(clock.now)).dead === 1, 'dead');
		const later = clock.now + 2 * 3600_000;
		await until(() => clock.now >= later, 'two hours of polling');

		expect(calls).toHaveLength(1);
		expect(await store.health(clock.now)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 1,
			sent: 0,
		});
		expect(lines).toContain(`outbox: gave up concern-office ${reference} (fake 422)`);
	});

	it('treats a transport that throws as a temporary failure', async () => {
		await accept('sub-1');
		const { transport, calls } = scriptedTransport(clock, [
			new TypeError(`socket closed while sending ${BODY_MARKER}`),
		]);
		start(transport);
		await until(async () => (await store.health(clock.now)).sent === 1, 'sent');

		expect(calls.map((c) => (c.outcome === 'threw' ? 'threw' : c.outcome.ok))).toEqual([
			'threw',
			true,
		]);
		expect(calls[1]!.key).toBe(calls[0]!.key);
		expect(await store.health(clock.now)).toMatchObject({ dead: 0, sent: 1 });
		expect(
			lines.some((l) => l.includes('will retry') && l.includes('fake exception TypeError')),
		).toBe(true);
	});

	it('gives up a message whose body is gone (render returns undefined) without sending', async () => {
		const reference = await accept('sub-1');
		const { transport, calls } = scriptedTransport(clock);
		start(transport, { render: async () => undefined });
		await until(async () => (await store.health(clock.now)).dead === 1, 'dead');

		expect(calls).toEqual([]);
		expect(await store.health(clock.now)).toMatchObject({ pending: 0, dead: 1, sent: 0 });
		expect(lines).toContain(`outbox: gave up concern-office ${reference}: body no longer stored`);
	});

	it('gives up a message that cannot be rendered, and goes on with the others', async () => {
		await accept('bad');
		await accept('good');
		const { transport, calls } = scriptedTransport(clock);
		start(transport, {
			render: async (m: OutboxMessage) => {
				if (m.submissionId === 'bad') throw new RangeError(`cannot render ${BODY_MARKER}`);
				return MAIL;
			},
		});
		await until(async () => (await store.health(clock.now)).pending === 0, 'both handled');

		expect(calls.map((c) => c.key)).toEqual(['good:concern-office']);
		expect(await store.health(clock.now)).toMatchObject({ dead: 1, sent: 1 });
		expect(lines.join('\n')).not.toContain(BODY_MARKER);
	});

	it('spaces the sends by at least 1000 / ratePerSecond ms', async () => {
		for (let i = 0; i < 6; i++) await accept(`sub-${i}`);
		const { transport, calls } = scriptedTransport(clock);
		start(transport, { ratePerSecond: 2 });
		await until(() => calls.length === 6, 'six sends');

		const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
		expect(gaps).toHaveLength(5);
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(500);
		expect(new Set(calls.map((c) => c.key)).size).toBe(6);
	});

	it('stop() waits for the send in flight to finish, then stops', async () => {
		await accept('sub-1');
		await accept('sub-2');
		let finish: (outcome: SendOutcome) => void = () => {};
		const inFlight = new Promise<SendOutcome>((resolve) => (finish = resolve));
		const { transport, calls } = scriptedTransport(clock, [inFlight]);
		const w = start(transport);
		await until(() => calls.length === 1, 'first send started');

		let stopped = false;
		const stopping = w.stop().then(() => (stopped = true));
		for (let i = 0; i < 50; i++) await tick();
		expect(stopped).toBe(false);

		finish({ ok: true, providerId: 'p-1' });
		await stopping;
		expect(stopped).toBe(true);
		expect(await store.health(clock.now)).toMatchObject({ sent: 1, pending: 1 });
		// Nothing is sent after stop().
		for (let i = 0; i < 50; i++) await tick();
		expect(calls).toHaveLength(1);
	});

	it("stop() ends at once during a provider's Retry-After pause, and the message waiting for it stays in the queue, unattempted", async () => {
		await accept('sub-1');
		await accept('sub-2');
		const { transport, calls } = scriptedTransport(clock, [
			{ ok: false, retry: true, retryAfterMs: 600_000, reason: 'resend 429' },
		]);
		// Real waits, cut short only by stop(): the pause after the 429 lasts ten minutes.
		const waits: number[] = [];
		const w = start(transport, {
			sleep: (ms, signal) =>
				new Promise<void>((resolve) => {
					waits.push(ms);
					if (signal.aborted) return resolve();
					const timer = setTimeout(resolve, ms);
					signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
				}),
		});
		await until(() => waits.some((ms) => ms > 500_000), 'waiting out Retry-After');
		const started = performance.now();
		await w.stop();
		expect(performance.now() - started).toBeLessThan(1000);
		expect(calls).toHaveLength(1);
		expect(await store.health(clock.now)).toMatchObject({ sent: 0, pending: 2 });
		expect(
			(await store.claimDue(clock.now + 3600_000, 10, 1000)).map((m) => m.attempts).sort(),
		).toEqual([0, 1]);
	});

	it('queues again what a previous process was sending', async () => {
		const reference = await accept('sub-1');
		expect(await store.claimDue(clock.now, 10, 3600_000)).toHaveLength(1); // leased by a process that then died
		const { transport, calls } = scriptedTransport(clock);
		start(transport);
		await until(async () => (await store.health(clock.now)).sent === 1, 'sent');

		expect(calls[0]!.at - T0).toBeLessThan(60_000); // not after the lease ran out
		expect(lines).toContain('outbox: 1 message(s) interrupted by a restart are queued again');
		expect(lines).toContain(`outbox: sent concern-office ${reference} via fake`);
	});

	it('never logs the message body, whatever happens to it', async () => {
		for (let i = 0; i < 5; i++) await accept(`sub-${i}`, ['concern-office', 'concern-receipt']);
		const { transport } = scriptedTransport(clock, [
			{ ok: false, retry: true, reason: 'fake 503' },
			new Error(BODY_MARKER),
			{ ok: false, retry: false, reason: 'fake 422' },
			{ ok: false, retry: true, retryAfterMs: 30_000, reason: 'fake 429' },
		]);
		start(transport);
		await until(async () => (await store.health(clock.now)).pending === 0, 'all handled');

		expect(lines.length).toBeGreaterThanOrEqual(10);
		for (const line of lines) expect(line).not.toContain(BODY_MARKER);
		for (const line of lines) expect(line).not.toContain('The child said');
	});
});
