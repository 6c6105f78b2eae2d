/**
 * Several instances on PostgreSQL, as the README's "Two instances on PostgreSQL" runs them: a
 * throwaway cluster, two app instances with the same DATA_KEY and DATABASE_URL, nginx in front
 * (TLS, round robin), one Resend-compatible fake. Concerns and bookings spread over both; one
 * instance is killed (SIGKILL) in the middle and started again. The promises are those of one
 * instance: what got a success answer is delivered exactly once, one slot is booked once, and no
 * message is sent by two instances.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:https';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startApp, type AppServer } from '../fixtures/app-server.ts';
import { BOOKINGS, bookingBody, freeSlotIds } from '../fixtures/booking-answers.ts';
import { GERMAN, formBody, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { guardFields, solvedChallenge, startedTicket } from '../fixtures/guard-fields.ts';
import { postgresBin, startPostgres, type PostgresCluster } from '../fixtures/postgres-cluster.ts';
import { startResendFake, type ResendFake } from '../fixtures/resend-fake.ts';
import { startTlsProxy, type TlsProxy } from '../fixtures/tls-proxy.ts';

test.describe.configure({ mode: 'serial' });
// Without PostgreSQL (a developer's machine), skipped and said so; CI installs it (.ci/run).
test.skip(
	!postgresBin() && !process.env.CI,
	'PostgreSQL is not installed (Debian: apt-get install postgresql)',
);

let cluster: PostgresCluster;
let resend: ResendFake;
let instances: AppServer[] = [];
let proxy: TlsProxy;
let databaseUrl: string;
/** The same key on every instance: each decrypts what another stored, and checks its tokens. */
const DATA_KEY = randomBytes(32).toString('base64');

/** A killed instance's messages are taken over after this long. */
const LEASE_SECONDS = 5;

test.beforeAll(async () => {
	test.setTimeout(60_000);
	cluster = await startPostgres();
	databaseUrl = await cluster.createDatabase('site');
	resend = await startResendFake();
	const env = {
		DATABASE_URL: databaseUrl,
		DATA_KEY,
		TRUST_PROXY: '1',
		MAIL_TRANSPORT: 'resend',
		RESEND_API_KEY: resend.apiKey,
		RESEND_BASE_URL: resend.url,
		MAIL_RETRY_BASE_MS: '100',
		OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
	};
	// Started together: the second waits for the first's migration lock, then finds nothing to do.
	instances = await Promise.all([startApp(env), startApp(env)]);
	proxy = await startTlsProxy(instances.map((i) => i.url));
});

test.afterAll(async () => {
	await proxy?.stop();
	for (const instance of instances) await instance.kill();
	await resend?.close();
	await cluster?.stop();
});

const agent = new Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });

interface Answer {
	status: number;
	html: string;
	location?: string | undefined;
}

/** One request through the proxy (its certificate is the tests' own). */
function send(path: string, body?: URLSearchParams): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(
			new URL(path, proxy.url),
			{
				method: body ? 'POST' : 'GET',
				agent,
				headers: body
					? { Origin: proxy.url, 'Content-Type': 'application/x-www-form-urlencoded' }
					: {},
			},
			(res) => {
				let html = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (html += chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode!, html, location: res.headers.location }),
				);
			},
		);
		req.on('error', reject);
		req.end(body?.toString());
	});
}

/** A form post as a browser on the public origin sends it, following the answer's redirect (303 to the confirmation). */
async function post(path: string, body: URLSearchParams): Promise<Answer> {
	const answer = await send(path, body);
	return answer.status === 303 && answer.location ? send(answer.location) : answer;
}

/** Runs `jobs` with at most `width` at a time. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: width }, async () => {
			while (next < jobs.length) {
				const i = next++;
				results[i] = await jobs[i]!();
			}
		}),
	);
	return results;
}

/** Rows of a query against the instances' database. */
async function select<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		return (await client.query<R>(sql)).rows;
	} finally {
		await client.end();
	}
}

const submissionCount = async () =>
	(await select<{ n: number }>('SELECT COUNT(*)::int AS n FROM submissions'))[0]!.n;
const outboxRows = () =>
	select<{ status: string; n: number }>(
		'SELECT status, COUNT(*)::int AS n FROM outbox GROUP BY status ORDER BY status',
	);

test('both instances are healthy and say the database is reachable', async () => {
	for (const instance of instances) {
		const response = await fetch(`${instance.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
	}
});

test('200 concerns over both instances, one killed and restarted on the way: every concern answered with a reference is delivered exactly once, and no message is sent by two instances', async () => {
	test.setTimeout(90_000);
	// One form shown long enough ago; each post its own solved challenge (single use).
	const started = await startedTicket(instances[0]!.url);
	const jobs = Array.from({ length: 200 }, (_, i) => async () => {
		// The challenge from either instance (both know the same key); the other one while this one is down.
		const pow = await solvedChallenge(instances[i % 2]!.url).catch(() =>
			solvedChallenge(instances[(i + 1) % 2]!.url).catch(() => undefined),
		);
		const guard = pow && { [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow };
		if (!guard) return { ok: false as const };
		const answer = await post(
			`/${GERMAN.locale}/notify/?_action=notify`,
			formBody(GERMAN, randomUUID(), guard),
		).catch(() => ({ status: 0, html: '' }));
		const reference = answer.status === 200 ? referenceIn(answer.html) : undefined;
		return reference ? { ok: true as const, reference } : { ok: false as const };
	});
	// The kill comes at a moment the test does not choose: after a random number of answers.
	const killAfter = 40 + Math.floor(Math.random() * 80);
	let answered = 0;
	let killed: Promise<void> | undefined;
	const victim = instances[Math.floor(Math.random() * 2)]!;
	const results = await inParallel(
		jobs.map((job) => async () => {
			const result = await job();
			if (++answered === killAfter)
				killed = victim
					.kill('SIGKILL')
					.then(() => victim.restart())
					.then(() => undefined);
			return result;
		}),
		8,
	);
	await killed;
	const references = results.flatMap((r) => (r.ok ? [r.reference] : []));
	console.log(
		`several instances: ${references.length} of 200 concerns answered with a reference; instance killed after ${killAfter} answers and restarted`,
	);
	// The proxy sends what the dead instance cannot take to the other: only the posts it was
	// answering when it died (at most 8 at a time) can fail.
	expect(references.length).toBeGreaterThanOrEqual(192);

	// Every answered concern: the office's notice and the receipt, each exactly once.
	await resend.waitFor(
		(all) => references.every((ref) => all.filter((e) => e.subject.includes(ref)).length === 2),
		LEASE_SECONDS * 1000 + 60_000,
	);
	for (const reference of references)
		expect(resend.emails.filter((e) => e.subject.includes(reference))).toHaveLength(2);
	await expect
		.poll(async () => (await outboxRows()).filter((r) => r.status !== 'sent'), {
			timeout: LEASE_SECONDS * 1000 + 30_000,
		})
		.toEqual([]);
	// A message is sent again only when the instance sending it died before it could note the
	// answer: with the same idempotency key (the provider delivers it once), and at most one such
	// message per killed instance (an instance sends one at a time).
	const repeated = [...resend.acceptedSends].filter(([, sends]) => sends > 1);
	expect(repeated.length).toBeLessThanOrEqual(1);
	expect(resend.emails.length).toBe(new Set(resend.emails.map((e) => e.idempotencyKey)).size);
});

test('50 racing bookings of one slot over both instances: exactly one booking, one pair of e-mails', async () => {
	const b = BOOKINGS.de;
	const [slot] = await freeSlotIds(instances[0]!.url, b);
	const sentBefore = resend.emails.length;
	const answers = await inParallel(
		Array.from({ length: 50 }, (_, i) => async () => {
			const guard = await guardFields(instances[i % 2]!.url);
			return post(
				`/${b.locale}/consultation/?_action=book`,
				bookingBody(b, randomUUID(), slot!, guard),
			);
		}),
		10,
	);
	const statuses = answers.map((a) => a.status);
	expect(statuses.filter((s) => s === 200)).toHaveLength(1);
	expect(statuses.filter((s) => s === 409)).toHaveLength(49);
	const reference = referenceIn(answers.find((a) => a.status === 200)!.html)!;
	await resend.waitFor((all) => all.filter((e) => e.subject.includes(reference)).length === 2);
	await expect
		.poll(async () => (await outboxRows()).filter((r) => r.status !== 'sent'))
		.toEqual([]);
	expect(resend.emails.length - sentBefore).toBe(2);
	// Both instances show the slot as taken at once.
	for (const instance of instances) expect(await freeSlotIds(instance.url, b)).not.toContain(slot);
});

test('a solved challenge counts once across instances: replayed on the other instance, the question step is asked and nothing is stored', async () => {
	const guard = await guardFields(instances[0]!.url);
	const first = await postConcern(instances[0]!.url, GERMAN, randomUUID(), {}, guard);
	expect(referenceIn(first.html)).toBeDefined();
	const stored = await submissionCount();
	const replay = await postConcern(instances[1]!.url, GERMAN, randomUUID(), {}, guard);
	expect(replay.status).toBe(200);
	expect(referenceIn(replay.html)).toBeUndefined();
	expect(replay.html).toContain('id="human-check-title"');
	expect(await submissionCount()).toBe(stored);
});

test('the rate limit holds across instances: posts spread over both count together', async () => {
	// Two more instances on the same database with a limit of 3 posts a minute: posts alternate
	// between them.
	const env = { DATABASE_URL: databaseUrl, DATA_KEY, RATE_LIMIT_PER_MINUTE: '3' };
	const limited = await Promise.all([startApp(env), startApp(env)]);
	try {
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) {
			const app = limited[i % 2]!;
			const response = await fetch(`${app.url}/${GERMAN.locale}/notify/?_action=notify`, {
				method: 'POST',
				headers: { Origin: app.url, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'not=a+concern',
			});
			statuses.push(response.status);
		}
		expect(statuses.filter((s) => s === 429)).toHaveLength(3);
		expect(statuses.slice(0, 3)).not.toContain(429);
	} finally {
		for (const app of limited) await app.kill();
	}
});
