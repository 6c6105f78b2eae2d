/**
 * Faults against the real server: killed at random moments during 200 submissions, the store
 * unwritable, a shutdown while an e-mail is on its way. Each promise is checked with figures.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { outboxCounts, startAppWithResend } from '../fixtures/app-server.ts';
import {
	BULGARIAN,
	DANISH,
	HUNGARIAN,
	postConcern,
	referenceIn,
} from '../fixtures/concern-answers.ts';
import { guardFields } from '../fixtures/guard-fields.ts';

// One after another in one worker (each starts its own servers), and a failed round does not skip the others.
test.describe.configure({ mode: 'default' });

/** A small seeded generator (mulberry32): the same seed gives the same kill schedule. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
}

/**
 * The kill schedule's seed, chosen once per run in playwright.config.ts (so every worker and a
 * restarted one use the same) unless FAULTS_SEED replays a run; each round prints it.
 */
const SEED = Number(process.env.FAULTS_SEED ?? randomInt(2 ** 31));
/**
 * 200 submissions in rounds of 20, each with its own server and two SIGKILLs, so no test runs
 * long even on a machine with several times more work than cores (a restart then takes seconds).
 */
const ROUNDS = 10;
const PER_ROUND = 20;
const KILLS_PER_ROUND = 2;

for (let round = 1; round <= ROUNDS; round++) {
	test(`SIGKILL at random moments, round ${round} of ${ROUNDS} (${PER_ROUND} submissions): at least 90 % get a success answer, and every one that did is delivered exactly once`, async () => {
		// Three server starts a round (the first and a restart after each SIGKILL): on an idle machine about 1 s each, on one with ten times more work than cores several seconds each.
		test.slow();
		// The schedule: when the seeded n-th post (counting posts sent again) has started, a seeded
		// 0–30 ms into the handling of the posts in flight, SIGKILL; then a restart on the same data.
		// Every post number up to PER_ROUND is reached, so every round has all its kills.
		const random = seededRandom(SEED + round);
		const schedule = Array.from({ length: KILLS_PER_ROUND }, () => ({
			atPost: 3 + Math.floor(random() * (PER_ROUND - 3)),
			afterMs: Math.round(random() * 30),
		})).sort((a, b) => a.atPost - b.atPost);
		test.info().annotations.push({ type: 'seed', description: `FAULTS_SEED=${SEED}` });
		console.info(
			`crash round ${round}: seed ${SEED}, SIGKILL ${schedule.map((k) => `${k.afterMs} ms after post ${k.atPost}`).join(', ')} (replay: FAULTS_SEED=${SEED} npx playwright test tests/e2e/faults.spec.ts)`,
		);
		const { app, resend, stop } = await startAppWithResend();
		try {
			const samples = [BULGARIAN, HUNGARIAN, DANISH];
			// What the browser has before sending (a rendered form, a solved challenge), fetched while the server is up.
			const guards = await Promise.all(
				Array.from({ length: PER_ROUND }, () => guardFields(app.url)),
			);

			const accepted = new Map<string, string>();
			let refused = 0;
			let broken = 0;
			let next = 0;
			let posts = 0;
			let retries = 0;
			let kills = 0;
			/** Tells the killer that a post has started. */
			const progress = new EventEmitter();
			/** Set from the SIGKILL until the server listens again. */
			let restarting: Promise<void> | undefined;

			// Four visitors sending one after another; a post the crash cut off is sent again as a
			// browser would (the same submission id and fields) once the server is back.
			const sender = async () => {
				while (next < PER_ROUND) {
					const i = next++;
					const id = randomUUID();
					for (let attempt = 0; ; attempt++) {
						posts++;
						progress.emit('post');
						try {
							const { status, html } = await postConcern(
								app.url,
								samples[i % 3]!,
								id,
								{},
								guards[i],
							);
							const reference = referenceIn(html);
							if (status === 200 && reference) accepted.set(id, reference);
							else refused++;
							break;
						} catch {
							// Connection refused or reset: the visitor saw no success.
							if (attempt === 20) {
								broken++;
								break;
							}
							retries++;
							await restarting;
						}
					}
				}
			};
			const killer = async () => {
				for (const { atPost, afterMs } of schedule) {
					while (posts < atPost) await once(progress, 'post');
					await delay(afterMs);
					restarting = (async () => {
						await app.kill('SIGKILL');
						kills++;
						await app.restart();
					})();
					await restarting;
					restarting = undefined;
				}
			};
			const killing = killer();
			await Promise.all([sender(), sender(), sender(), sender(), killing]);

			const keys = [...accepted.keys()].flatMap((id) => [
				`${id}:concern-office`,
				`${id}:concern-receipt`,
			]);
			await resend.waitFor((emails) =>
				keys.every((k) => emails.some((e) => e.idempotencyKey === k)),
			);
			for (const key of keys)
				expect(
					resend.emails.filter((e) => e.idempotencyKey === key),
					key,
				).toHaveLength(1);
			for (const [id, reference] of accepted) {
				expect(
					resend.emails.find((e) => e.idempotencyKey === `${id}:concern-office`)!.subject,
				).toContain(reference);
			}
			await expect.poll(async () => (await outboxCounts(app.url)).outbox.pending).toBe(0);
			expect((await outboxCounts(app.url)).outbox.dead).toBe(0);
			const repeats = [...resend.acceptedSends.values()].filter((n) => n > 1).length;
			console.info(
				`crash round ${round}: ${PER_ROUND} submissions, ${kills} SIGKILLs, ${retries} posts cut off and sent again, ${accepted.size} answered with success, ${broken} given up, ${refused} refused; ` +
					`${keys.length} e-mails delivered once each; ${repeats} re-sent after a crash and absorbed by the idempotency key; ` +
					`${resend.emails.length - keys.length} e-mails for submissions whose answer was lost in a crash`,
			);
			expect(kills).toBe(KILLS_PER_ROUND);
			expect(
				accepted.size,
				`${accepted.size} of ${PER_ROUND} answered with success`,
			).toBeGreaterThanOrEqual(0.9 * PER_ROUND);
		} finally {
			await stop();
		}
	});
}

test('store unwritable (locked by another process): a clear error page with 503, never a false success; it works again after', async () => {
	// Waits out the store's 5 s busy timeout and starts a server: slow on a crowded machine.
	test.slow();
	const { app, stop } = await startAppWithResend();
	try {
		// Fetched first, so only the post itself meets the lock.
		const guard = await guardFields(app.url);
		const db = new DatabaseSync(join(app.dataDir, 'store.sqlite'));
		db.exec('BEGIN EXCLUSIVE');
		let locked;
		try {
			locked = await postConcern(app.url, DANISH, randomUUID(), {}, guard);
		} finally {
			db.exec('ROLLBACK');
			db.close();
		}
		expect(locked.status).toBe(503);
		expect(referenceIn(locked.html)).toBeUndefined();
		expect(locked.html).toContain('role="alert"');
		expect(app.output()).toMatch(/notify: could not store a concern: Error/);
		const after = await postConcern(app.url, DANISH, randomUUID());
		expect(after.status, app.output()).toBe(200);
		expect(referenceIn(after.html)).toBeDefined();
	} finally {
		await stop();
	}
});

test('SIGTERM while an e-mail is being sent: the send finishes, the process exits cleanly, nothing is sent twice after a restart', async () => {
	const { app, resend, stop } = await startAppWithResend();
	try {
		resend.delay(1500);
		const id = randomUUID();
		expect((await postConcern(app.url, HUNGARIAN, id)).status).toBe(200);
		// The worker has the first e-mail on its way to the (slow) provider.
		await expect.poll(() => resend.unanswered).toBeGreaterThan(0);
		const started = Date.now();
		expect(await app.kill('SIGTERM')).toBe(0);
		const shutdownMs = Date.now() - started;
		const first = resend.emails.filter((e) => e.idempotencyKey?.startsWith(`${id}:`));
		expect(first.length, 'the e-mail in flight was delivered before exit').toBeGreaterThanOrEqual(
			1,
		);

		resend.delay(0);
		await app.restart();
		await resend.waitFor(
			(all) => all.filter((e) => e.idempotencyKey?.startsWith(`${id}:`)).length === 2,
		);
		await expect.poll(async () => (await outboxCounts(app.url)).outbox.pending).toBe(0);
		for (const kind of ['concern-office', 'concern-receipt'])
			expect(resend.acceptedSends.get(`${id}:${kind}`), kind).toBe(1);
		console.info(
			`shutdown: SIGTERM with an e-mail in flight took ${shutdownMs} ms, exit code 0, ${first.length} e-mail delivered before exit, the other after restart, none twice`,
		);
	} finally {
		await stop();
	}
});
