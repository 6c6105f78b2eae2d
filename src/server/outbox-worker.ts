/**
 * Delivers the outbox: one message at a time, at most MAIL_RATE_PER_SECOND, each attempt with
 * the same idempotency key (submission id + message kind). Temporary failures are retried with
 * backoff (honouring Retry-After); permanent ones are marked dead and show on /healthz. Also
 * purges bodies past their retention period. Logs carry references and classifications only,
 * never answers.
 */
import { nextDelay } from './retry-policy.ts';
import type { MailMessage, MailTransport } from './mail/mail-message.ts';
import type { OutboxMessage, Store } from './store.ts';

export interface WorkerOptions {
	store: Store;
	transport: MailTransport;
	/** The e-mail for an outbox entry; undefined when its body is gone (purged). */
	render: (message: OutboxMessage) => Promise<MailMessage | undefined>;
	ratePerSecond: number;
	retention: { deliveredDays: number; undeliveredDays: number };
	/** Current time; tests pass a controllable clock. */
	now?: () => number;
	/** Waits `ms`, or less when woken; tests pass a fake. */
	sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
	log?: (line: string) => void;
	/** How long to wait when nothing is due before looking again. */
	pollMs?: number;
	/** First retry delay; doubles with each attempt (see retry-policy.ts). */
	retryBaseMs?: number;
	/**
	 * How long a claimed message is this worker's alone. Longer than any one send can take (the
	 * transports time out well before); when a worker dies, another takes its messages over
	 * after this long.
	 */
	leaseMs?: number;
}

export interface OutboxWorker {
	/** Look for work now (after a submission was accepted). */
	wake(): void;
	/** Finish the message being sent (a wait before sending is cut short), then stop. */
	stop(): Promise<void>;
}

const DAY = 24 * 3600 * 1000;
const PURGE_EVERY = 3600 * 1000;
/** Temporary failures in a row that mean the provider was down, not one message. */
const OUTAGE_FAILURES = 3;

const realSleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
	});

export function startOutboxWorker(options: WorkerOptions): OutboxWorker {
	const { store, transport, render, retention } = options;
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? realSleep;
	const log = options.log ?? ((line: string) => console.log(line));
	const pollMs = options.pollMs ?? 1000;
	const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
	const interval = 1000 / options.ratePerSecond;
	let stopping = false;
	/** Aborted by `stop()`: ends a wait for the send rate or a provider's Retry-After at once. */
	const stopped = new AbortController();
	let wakeUp = new AbortController();
	let lastSend = 0;
	let lastPurge = 0;
	/** A provider's Retry-After holds every send, not just the message that got it. */
	let pausedUntil = 0;
	/**
	 * Temporary failures in a row. After several, the next success means the provider is back; one
	 * failing message between successes (a poison message) does not count as an outage.
	 */
	let failuresInRow = 0;

	async function deliver(message: OutboxMessage) {
		const label = `${message.kind} ${message.reference}`;
		let mail: MailMessage | undefined;
		try {
			mail = await render(message);
		} catch (error) {
			await store.markDead(message.id, `render failed: ${(error as Error).name}`);
			log(`outbox: gave up ${label}: could not render (${(error as Error).name})`);
			return;
		}
		if (!mail) {
			await store.markDead(message.id, 'body purged before delivery');
			log(`outbox: gave up ${label}: body no longer stored`);
			return;
		}
		const wait = Math.max(lastSend + interval, pausedUntil) - now();
		if (wait > 0) await sleep(wait, stopped.signal);
		if (stopping) {
			// Not attempted: back to the queue as it was, for the next start.
			await store.release(message.id, message.leaseUntil);
			return;
		}
		// The wait (the send rate, a provider's Retry-After) may have outlasted the lease, and another
		// instance may have taken the message over: send only on a claim that still holds.
		if (!(await store.renewLease(message.id, message.leaseUntil, now() + leaseMs))) {
			log(`outbox: ${label} was taken over by another instance; not sent here`);
			return;
		}
		lastSend = now();
		let outcome;
		try {
			outcome = await transport.send(mail, `${message.submissionId}:${message.kind}`);
		} catch (error) {
			outcome = {
				ok: false as const,
				retry: true,
				reason: `${transport.name} exception ${(error as Error).name}`,
			};
		}
		if (outcome.ok) {
			await store.markSent(message.id, now(), outcome.providerId);
			log(`outbox: sent ${label} via ${transport.name}`);
			if (failuresInRow >= OUTAGE_FAILURES) {
				// The provider is back: what waits for a retry (up to an hour's backoff) goes now, at the send rate.
				const due = await store.retryNow(now());
				if (due > 0)
					log(
						`outbox: ${transport.name} answers again; ${due} message(s) waiting for a retry are due now`,
					);
			}
			failuresInRow = 0;
		} else if (outcome.retry) {
			failuresInRow++;
			const delay = nextDelay(
				message.attempts,
				outcome.retryAfterMs,
				Math.random,
				options.retryBaseMs,
			);
			if (outcome.retryAfterMs !== undefined)
				pausedUntil = Math.max(pausedUntil, now() + outcome.retryAfterMs);
			await store.markRetry(message.id, now() + delay, outcome.reason);
			log(`outbox: will retry ${label} in ${Math.round(delay / 1000)} s (${outcome.reason})`);
		} else {
			await store.markDead(message.id, outcome.reason);
			log(`outbox: gave up ${label} (${outcome.reason})`);
		}
	}

	async function purge() {
		const t = now();
		const { delivered, undelivered } = await store.purge(
			t,
			t - retention.deliveredDays * DAY,
			t - retention.undeliveredDays * DAY,
		);
		if (delivered + undelivered > 0)
			log(`outbox: purged ${delivered} delivered and ${undelivered} undelivered bodies`);
		lastPurge = t;
	}

	const running = (async () => {
		try {
			const recovered = await store.recover();
			if (recovered > 0)
				log(`outbox: ${recovered} message(s) interrupted by a restart are queued again`);
		} catch (error) {
			log(`outbox: store error ${(error as Error).name} while recovering`);
		}
		while (!stopping) {
			try {
				if (now() - lastPurge >= PURGE_EVERY) await purge();
				const [message] = await store.claimDue(now(), 1, leaseMs);
				if (message) {
					await deliver(message);
					continue;
				}
			} catch (error) {
				log(
					`outbox: store error ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`,
				);
			}
			await sleep(pollMs, wakeUp.signal);
			if (wakeUp.signal.aborted) wakeUp = new AbortController();
		}
	})();

	return {
		wake() {
			// Once is enough until the worker looks again; `abort()` makes a DOMException with its
			// stack on every call, already aborted or not, and every accepted post wakes the worker.
			if (!wakeUp.signal.aborted) wakeUp.abort();
		},
		async stop() {
			stopping = true;
			stopped.abort();
			wakeUp.abort();
			await running;
		},
	};
}
