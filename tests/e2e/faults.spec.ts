/**
 * Faults against the real server: killed at random moments during 200 submissions, the store
 * unwritable, a shutdown while an e-mail is on its way. Each promise is checked with figures.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { outboxCounts, startAppWithResend } from '../fixtures/app-server.ts';
import { BULGARIAN, DANISH, HUNGARIAN, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import { guardFields } from '../fixtures/guard-fields.ts';

test.describe.configure({ mode: 'serial' });

const health = outboxCounts;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGKILL at random moments during 200 submissions: every one that got a success answer is delivered exactly once', async () => {
	test.setTimeout(300_000);
	const { app, resend, stop } = await startAppWithResend();
	try {
		const samples = [BULGARIAN, HUNGARIAN, DANISH];
		const total = 200;
		// What the browser has before sending (a rendered form, a solved challenge), fetched while the server is up.
		const guards: Record<string, string>[] = [];
		for (let i = 0; i < total; i++) guards.push(await guardFields(app.url));

		const accepted = new Map<string, string>();
		let refused = 0;
		let broken = 0;
		let next = 0;
		let sending = true;
		let retries = 0;
		// Four visitors sending one after another; a post the crash cut off is sent again as a browser
		// would (the same submission id and fields), up to 20 times.
		const sender = async () => {
			while (next < total) {
				const i = next++;
				const id = randomUUID();
				for (let attempt = 0; ; attempt++) {
					try {
						const { status, html } = await postConcern(app.url, samples[i % 3]!, id, {}, guards[i]);
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
						await sleep(200);
					}
				}
				await sleep(30);
			}
		};
		let kills = 0;
		const killer = async () => {
			while (sending) {
				await sleep(150 + Math.random() * 450);
				if (!sending) break;
				await app.kill('SIGKILL');
				kills++;
				await app.restart();
			}
		};
		const killing = killer();
		await Promise.all([sender(), sender(), sender(), sender()]);
		sending = false;
		await killing;

		const keys = [...accepted.keys()].flatMap((id) => [`${id}:concern-office`, `${id}:concern-receipt`]);
		await resend.waitFor((emails) => keys.every((k) => emails.some((e) => e.idempotencyKey === k)), 120_000);
		for (const key of keys) expect(resend.emails.filter((e) => e.idempotencyKey === key), key).toHaveLength(1);
		for (const [id, reference] of accepted) {
			expect(resend.emails.find((e) => e.idempotencyKey === `${id}:concern-office`)!.subject).toContain(reference);
		}
		await expect.poll(async () => (await health(app.url)).outbox.pending, { timeout: 60_000 }).toBe(0);
		expect((await health(app.url)).outbox.dead).toBe(0);
		const repeats = [...resend.acceptedSends.values()].filter((n) => n > 1).length;
		console.info(
			`crash: ${total} submissions, ${kills} SIGKILLs, ${retries} posts cut off and sent again, ${accepted.size} answered with success, ${broken} given up, ${refused} refused; ` +
				`${keys.length} e-mails delivered once each; ${repeats} re-sent after a crash and absorbed by the idempotency key; ` +
				`${resend.emails.length - keys.length} e-mails for submissions whose answer was lost in a crash`,
		);
		expect(kills).toBeGreaterThanOrEqual(3);
		expect(accepted.size).toBeGreaterThan(0);
	} finally {
		await stop();
	}
});

test('store unwritable (locked by another process): a clear error page with 503, never a false success; it works again after', async () => {
	const { app, stop } = await startAppWithResend();
	try {
		const db = new DatabaseSync(join(app.dataDir, 'store.sqlite'));
		db.exec('BEGIN EXCLUSIVE');
		let locked;
		try {
			locked = await postConcern(app.url, DANISH, randomUUID());
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
		await sleep(400); // the worker has the first e-mail on its way to the (slow) provider
		const started = Date.now();
		expect(await app.kill('SIGTERM')).toBe(0);
		const shutdownMs = Date.now() - started;
		const first = resend.emails.filter((e) => e.idempotencyKey?.startsWith(`${id}:`));
		expect(first.length, 'the e-mail in flight was delivered before exit').toBeGreaterThanOrEqual(1);

		resend.delay(0);
		await app.restart();
		await resend.waitFor((all) => all.filter((e) => e.idempotencyKey?.startsWith(`${id}:`)).length === 2);
		await expect.poll(async () => (await health(app.url)).outbox.pending).toBe(0);
		for (const kind of ['concern-office', 'concern-receipt']) expect(resend.acceptedSends.get(`${id}:${kind}`), kind).toBe(1);
		console.info(`shutdown: SIGTERM with an e-mail in flight took ${shutdownMs} ms, exit code 0, ${first.length} e-mail delivered before exit, the other after restart, none twice`);
	} finally {
		await stop();
	}
});
