/**
 * The form backend under abuse, against the real server: the rate limit per client address,
 * the spam guard (honeypot, minimum fill time, replayed proofs of work: the question step, never
 * a pretended success), every class of bad input, and generated junk (fast-check) – never a 5xx,
 * never a stored row for a refusal, never a confirmation for something not stored.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { startApp, startAppWithResend, type AppServer } from '../fixtures/app-server.ts';
import { BOOKINGS, bookingBody, freeSlotIds, postBooking } from '../fixtures/booking-answers.ts';
import {
	DANISH,
	formBody,
	HUNGARIAN,
	postConcern,
	referenceIn,
} from '../fixtures/concern-answers.ts';
import {
	backdatedTicket,
	guardFields,
	solvedChallenge,
	startedTicket,
} from '../fixtures/guard-fields.ts';
import { isStored, storedSubmissions } from '../fixtures/store-file.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import type { UiKey } from '../../src/lib/ui-keys.ts';
import { escapeHtml } from '../fixtures/escape-html.ts';
import { translatorFor } from '../unit/content-files.ts';

test.describe.configure({ mode: 'serial' });

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** A raw HTTP post: from a chosen local address, with any headers, a body in one piece or in chunks. */
function post(
	appUrl: string,
	path: string,
	body: string | Buffer,
	options: { headers?: Record<string, string>; localAddress?: string; chunks?: number } = {},
): Promise<Answer> {
	const url = new URL(path, appUrl);
	const data = Buffer.isBuffer(body) ? body : Buffer.from(body);
	const chunked = options.chunks !== undefined;
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: options.localAddress,
				// A connection of its own: a kept-alive one may be closed by the server (idle for 5 s) just as it is reused.
				agent: false,
				headers: {
					Origin: appUrl,
					'Content-Type': 'application/x-www-form-urlencoded',
					...(chunked ? {} : { 'Content-Length': String(data.length) }),
					...options.headers,
				},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
			},
		);
		req.on('error', reject);
		if (chunked) {
			const size = Math.ceil(data.length / options.chunks!);
			for (let i = 0; i < data.length; i += size) req.write(data.subarray(i, i + size));
			req.end();
		} else req.end(data);
	});
}

const NOTIFY = '/da/notify/?_action=notify';

test.describe('rate limit per client address', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ RATE_LIMIT_PER_MINUTE: '10' });
	});
	test.afterAll(() => app?.kill());

	test('10 posts a minute pass, the 11th gets 429 with Retry-After; another address is not affected; X-Forwarded-For is not believed', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++) statuses.push((await post(app.url, NOTIFY, 'x=1')).status);
		expect(statuses.filter((s) => s === 429)).toEqual([]);
		const eleventh = await post(app.url, NOTIFY, 'x=1');
		expect(eleventh.status).toBe(429);
		const wait = Number(eleventh.headers['retry-after']);
		expect(wait).toBeGreaterThanOrEqual(1);
		expect(wait).toBeLessThanOrEqual(60);
		expect(eleventh.headers['cache-control']).toBe('no-store');
		expect(eleventh.body).toContain(`<html lang="da">`);
		expect(eleventh.body).toContain(String(wait));
		// Claiming to be someone else does not help without a trusted proxy.
		expect(
			(await post(app.url, NOTIFY, 'x=1', { headers: { 'X-Forwarded-For': '198.51.100.9' } }))
				.status,
		).toBe(429);
		// Another address (loopback has the whole 127/8) is not affected, and pages still load.
		expect((await post(app.url, NOTIFY, 'x=1', { localAddress: '127.0.0.2' })).status).not.toBe(
			429,
		);
		expect((await fetch(`${app.url}/da/notify/`)).status).toBe(200);
	});

	test('behind a trusted proxy, each forwarded client address has its own limit', async () => {
		const proxied = await startApp({ RATE_LIMIT_PER_MINUTE: '10', TRUST_PROXY: '1' });
		try {
			const from = (address: string) =>
				post(proxied.url, NOTIFY, 'x=1', { headers: { 'X-Forwarded-For': address } });
			for (let i = 0; i < 10; i++) expect((await from('198.51.100.1')).status).not.toBe(429);
			expect((await from('198.51.100.1')).status).toBe(429);
			expect((await from('198.51.100.2')).status).not.toBe(429);
		} finally {
			await proxied.kill();
		}
	});
});

test.describe('spam guard: a suspect form gets the question step, never a confirmation; scripts store nothing', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ SPAM_MIN_FILL_SECONDS: '60' });
	});
	test.afterAll(() => app?.kill());

	/** What a refused post must show: the question step, no reference, nothing new in the store. */
	function expectAsked(answer: { status: number; html: string }, before: number) {
		expect(answer.status).toBeLessThan(500);
		expect(referenceIn(answer.html)).toBeUndefined();
		expect(answer.html).toContain('id="human-check-title"');
		expect(storedSubmissions(app.dataDir)).toBe(before);
	}

	/**
	 * The guard's fields of a form first shown `seconds` ago: a start time signed with the server's
	 * key, so no test has to wait out the minimum fill time, and a fresh solved challenge.
	 */
	const shownAgo = async (seconds: number) => ({
		[CONTROL_FIELDS.started]: backdatedTicket(app.dataDir, seconds * 1000),
		[CONTROL_FIELDS.pow]: await solvedChallenge(app.url),
	});

	test('a filled-in honeypot gets the question step with a solved challenge too, and nothing is stored', async () => {
		const guard = await shownAgo(61);
		const before = storedSubmissions(app.dataDir);
		expectAsked(
			await postConcern(
				app.url,
				DANISH,
				randomUUID(),
				{ [CONTROL_FIELDS.honeypot]: 'https://spam.example.com' },
				guard,
			),
			before,
		);
		// The same solution without the honeypot still counts: the question step did not use it up.
		const person = await postConcern(app.url, DANISH, randomUUID(), {}, guard);
		expect(isStored(app.dataDir, referenceIn(person.html)!)).toBe(true);
		expect(app.output()).toContain('notify: question step for a suspect form (honeypot)');
		expect(app.output()).not.toContain('spam.example.com');
	});

	test('a form sent sooner than the minimum fill time gets the question step, and nothing is stored; later it counts', async () => {
		const before = storedSubmissions(app.dataDir);
		// The start time the server gave a moment ago, and one from just under the minimum.
		const fast = await postConcern(
			app.url,
			DANISH,
			randomUUID(),
			{},
			{
				[CONTROL_FIELDS.started]: await startedTicket(app.url),
				[CONTROL_FIELDS.pow]: await solvedChallenge(app.url),
			},
		);
		expectAsked(fast, before);
		expect(fast.status).toBe(200);
		expectAsked(await postConcern(app.url, DANISH, randomUUID(), {}, await shownAgo(55)), before);

		expect(
			referenceIn((await postConcern(app.url, DANISH, randomUUID(), {}, await shownAgo(61))).html),
		).toBeDefined();
		expect(storedSubmissions(app.dataDir)).toBe(before + 1);
	});

	test('a solved challenge replayed by another submission is not accepted: the question step is asked instead', async () => {
		const guard = await shownAgo(61);
		expect(
			referenceIn((await postConcern(app.url, DANISH, randomUUID(), {}, guard)).html),
		).toBeDefined();
		const before = storedSubmissions(app.dataDir);
		const replay = await postConcern(app.url, DANISH, randomUUID(), {}, guard);
		expect(replay.status).toBe(200);
		expectAsked(replay, before);
		// A booking cannot reuse it either.
		const [slot] = await freeSlotIds(app.url, BOOKINGS.da);
		expectAsked(await postBooking(app.url, BOOKINGS.da, randomUUID(), slot!, {}, guard), before);
	});

	test('scripted posts of every kind that does not pass: none stored, none told "sent", every one asked the question', async () => {
		const PER_KIND = 5;
		// Old enough, so only the kind itself is suspect; "too fast" takes the server's start time of just now.
		const started = backdatedTicket(app.dataDir, 61_000);
		const [slot] = await freeSlotIds(app.url, BOOKINGS.da);
		const tampered = async () => {
			const payload = JSON.parse(
				Buffer.from(await solvedChallenge(app.url), 'base64').toString('utf8'),
			) as { solution: { derivedKey: string } };
			payload.solution.derivedKey = '00'.repeat(32);
			return Buffer.from(JSON.stringify(payload)).toString('base64');
		};
		const question = async () =>
			new RegExp(`name="${CONTROL_FIELDS.question}" value="([^"]+)"`).exec(
				(
					await postConcern(
						app.url,
						DANISH,
						randomUUID(),
						{},
						{ [CONTROL_FIELDS.started]: started },
					)
				).html,
			)![1]!;

		let posts = 0;
		let stored = 0;
		let confirmed = 0;
		const asked: string[] = [];
		/** PER_KIND concerns and PER_KIND bookings, each with the guard fields `fields` makes. */
		async function send(kind: string, fields: () => Promise<Record<string, string>>) {
			let count = 0;
			for (let i = 0; i < PER_KIND; i++) {
				for (const post of [
					async () => postConcern(app.url, DANISH, randomUUID(), {}, await fields()),
					async () => postBooking(app.url, BOOKINGS.da, randomUUID(), slot!, {}, await fields()),
				]) {
					const before = storedSubmissions(app.dataDir);
					const answer = await post();
					posts++;
					stored += storedSubmissions(app.dataDir) - before;
					if (referenceIn(answer.html) !== undefined) confirmed++;
					if (answer.html.includes('id="human-check-title"')) count++;
				}
			}
			asked.push(`${kind}: ${count} of ${2 * PER_KIND} asked the question`);
		}

		await send('sent too fast, with a solved challenge', async () => ({
			[CONTROL_FIELDS.pow]: await solvedChallenge(app.url),
			[CONTROL_FIELDS.started]: await startedTicket(app.url),
		}));
		await send('honeypot filled in, with a solved challenge', async () => ({
			[CONTROL_FIELDS.started]: started,
			[CONTROL_FIELDS.pow]: await solvedChallenge(app.url),
			[CONTROL_FIELDS.honeypot]: 'https://spam.example.com',
		}));
		await send('no solution', async () => ({ [CONTROL_FIELDS.started]: started }));
		await send('a made-up solution', async () => ({
			[CONTROL_FIELDS.started]: started,
			[CONTROL_FIELDS.pow]: await tampered(),
		}));
		const used = {
			[CONTROL_FIELDS.started]: started,
			[CONTROL_FIELDS.pow]: await solvedChallenge(app.url),
		};
		expect(
			referenceIn((await postConcern(app.url, DANISH, randomUUID(), {}, used)).html),
			'the solution counts once',
		).toBeDefined();
		await send('a solution another submission used', async () => used);
		await send('a wrong answer to the question', async () => ({
			[CONTROL_FIELDS.started]: started,
			[CONTROL_FIELDS.question]: await question(),
			[CONTROL_FIELDS.answer]: '99',
		}));

		console.info(
			`scripted posts: ${posts}, stored ${stored}, confirmations shown ${confirmed}; ${asked.join('; ')}`,
		);
		expect(stored).toBe(0);
		expect(confirmed).toBe(0);
		expect(asked.filter((line) => !line.includes(`: ${2 * PER_KIND} of`))).toEqual([]);
	});
});

test.describe('every class of bad input: refused with a reason, nothing stored', () => {
	let app: AppServer;
	let guard: Record<string, string>;
	test.beforeAll(async () => {
		app = await startApp();
		guard = await guardFields(app.url);
	});
	test.afterAll(() => app?.kill());

	const concern = (changes: Record<string, string | null>) => {
		const body = formBody(DANISH, randomUUID(), guard);
		for (const [name, value] of Object.entries(changes)) {
			if (value === null) body.delete(name);
			else body.set(name, value);
		}
		return body.toString();
	};

	const FIELD_CASES: [string, string, Record<string, string | null>, UiKey][] = [
		['missing', 'observation', { observation: null }, 'error.required'],
		['too long', 'observation', { observation: 'x'.repeat(5001) }, 'error.tooLong'],
		['wrong type', 'childAge', { childAge: 'elleve' }, 'error.age'],
		['not one of the choices', 'urgency', { urgency: 'soon' }, 'error.choose'],
		['control characters', 'observedWhen', { observedWhen: 'i går\u0007' }, 'error.control'],
		[
			'CR/LF in a header-bound field',
			'reporterName',
			{ reporterName: 'Åse\r\nBcc: victim@example.com' },
			'error.control',
		],
		[
			'CR/LF in the e-mail address',
			'reporterEmail',
			{ reporterEmail: 'a@example.com\r\nBcc: victim@example.com' },
			'error.control',
		],
	];
	const da = translatorFor('da');
	for (const [label, field, changes, message] of FIELD_CASES) {
		test(`${label}: 400 with an error on ${field}`, async () => {
			const before = storedSubmissions(app.dataDir);
			const answer = await post(app.url, NOTIFY, concern(changes));
			expect(answer.status).toBe(400);
			expect(answer.body).toContain(`id="${field}-error"`);
			expect(answer.body).toContain(escapeHtml(da(message, { count: 5000 })));
			expect(answer.body).toContain('class="error-summary"');
			expect(storedSubmissions(app.dataDir)).toBe(before);
		});
	}

	test('unknown fields: 400, the form as a whole refused', async () => {
		const before = storedSubmissions(app.dataDir);
		const answer = await post(app.url, NOTIFY, concern({ isAdmin: '1' }));
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('class="error-summary"');
		expect(storedSubmissions(app.dataDir)).toBe(before);
	});

	test("another page's language in the hidden locale field: 400, the form as a whole refused, nothing stored", async () => {
		const before = storedSubmissions(app.dataDir);
		// Posted to the Danish page, saying it is Hungarian: its e-mails would be written in a
		// language the page did not offer.
		const answer = await post(app.url, NOTIFY, concern({ locale: 'hu' }));
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('class="error-summary"');
		expect(answer.body).toContain(escapeHtml(da('error.form')));
		expect(storedSubmissions(app.dataDir)).toBe(before);
	});

	test('invalid UTF-8: 400 with an error on the field', async () => {
		const before = storedSubmissions(app.dataDir);
		const body = Buffer.concat([
			Buffer.from(`${concern({ reporterName: null })}&reporterName=`),
			Buffer.from('%C3%28%FF%FE', 'latin1'),
		]);
		const answer = await post(app.url, NOTIFY, body);
		expect(answer.status).toBe(400);
		expect(answer.body).toContain('id="reporterName-error"');
		// The same in a multipart body, as raw bytes.
		const boundary = 'x-boundary';
		const multipart = Buffer.concat([
			Buffer.from(
				[...new URLSearchParams(concern({ reporterName: null }))]
					.map(
						([name, value]) =>
							`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
					)
					.join('') +
					`--${boundary}\r\nContent-Disposition: form-data; name="reporterName"\r\n\r\n`,
			),
			Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const answer2 = await post(app.url, NOTIFY, multipart, {
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		});
		expect(answer2.status).toBe(400);
		expect(answer2.body).toContain('id="reporterName-error"');
		expect(storedSubmissions(app.dataDir)).toBe(before);
	});

	test('oversized bodies, declared or sent in chunks: 413; the wrong content type: 415', async () => {
		const before = storedSubmissions(app.dataDir);
		const big = concern({ observation: 'x'.repeat(70 * 1024) });
		expect((await post(app.url, NOTIFY, big)).status).toBe(413);
		expect((await post(app.url, NOTIFY, big, { chunks: 20 })).status).toBe(413);
		// An endless body is cut off, not read to the end.
		expect(
			(await post(app.url, NOTIFY, 'a='.padEnd(2 * 1024 * 1024, 'x'), { chunks: 200 })).status,
		).toBe(413);
		for (const type of ['application/json', 'text/plain', 'application/xml', '']) {
			const answer = await post(
				app.url,
				NOTIFY,
				type === 'application/json' ? '{"observation":"x"}' : concern({}),
				{ headers: { 'Content-Type': type } },
			);
			expect(answer.status, type || 'no content type').toBe(415);
		}
		expect(storedSubmissions(app.dataDir)).toBe(before);
	});

	test('a request target that is no URL, with a refused body, is answered and the server stays up', async () => {
		const { port } = new URL(app.url);
		for (const request of [
			'POST http://[ HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx',
			'GET http://[ HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n',
		]) {
			const answer = await new Promise<string>((resolve, reject) => {
				const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
				let text = '';
				socket.on('data', (c) => (text += c.toString()));
				socket.on('end', () => resolve(text));
				socket.on('error', reject);
			});
			expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
		}
		expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
	});

	test('a 64 KB description does not hold the server up (the personal-data check reads at most 2000 characters)', async () => {
		const [slot] = await freeSlotIds(app.url, BOOKINGS.hu);
		const body = bookingBody(BOOKINGS.hu, randomUUID(), slot!, {
			...guard,
			description: 'A'.repeat(60_000),
			[CONTROL_FIELDS.change]: '1',
		});
		const started = Date.now();
		const [answer, page] = await Promise.all([
			post(app.url, '/hu/consultation/?_action=book', body.toString()),
			fetch(`${app.url}/hu/`),
		]);
		expect(answer.status).toBeLessThan(500);
		expect(page.status).toBe(200);
		console.info(`a 60 000-character description answered in ${Date.now() - started} ms`);
	});

	test('HTML and script in text fields are accepted as text and arrive escaped', async () => {
		const { app: mailApp, resend, stop } = await startAppWithResend();
		try {
			const markup = '<script>alert("x")</script><img src=x onerror=alert(1)>';
			// An office that takes the full concern by e-mail (deliverFullConcernByEmail), so the answers are in it.
			const { status, html } = await postConcern(
				mailApp.url,
				{
					...HUNGARIAN,
					fields: { ...HUNGARIAN.fields, observation: markup, reporterName: `Åse ${markup}` },
				},
				randomUUID(),
			);
			expect(status).toBe(200);
			expect(html).not.toContain('<script>alert');
			expect(html).not.toContain('<img src=x');
			expect(html).toContain('&lt;script');
			const reference = referenceIn(html)!;
			await resend.waitFor((all) =>
				all.some(
					(e) => e.subject.includes(reference) && e.idempotencyKey?.endsWith(':concern-office'),
				),
			);
			const mail = resend.emails.find(
				(e) => e.subject.includes(reference) && e.idempotencyKey?.endsWith(':concern-office'),
			)!;
			expect(mail.text).toContain(markup);
			expect(mail.html).not.toContain('<script>');
			expect(mail.html).not.toContain('<img');
			expect(mail.html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
		} finally {
			await stop();
		}
	});

	// 300 generated posts in three tests of 100 (each with its own seed), so none runs long.
	for (const part of [1, 2, 3]) {
		test(`generated junk at both endpoints (fast-check, part ${part} of 3): never a 5xx, never a stored row for a refused request`, async () => {
			const [slot] = await freeSlotIds(app.url, BOOKINGS.hu);
			const validConcern = Object.fromEntries(
				new URLSearchParams(formBody(DANISH, randomUUID(), guard)),
			);
			const validBooking = Object.fromEntries(
				new URLSearchParams(bookingBody(BOOKINGS.hu, randomUUID(), slot!, guard)),
			);
			const names = [
				...new Set([
					...Object.keys(validConcern),
					...Object.keys(validBooking),
					'categories',
					CONTROL_FIELDS.change,
					CONTROL_FIELDS.review,
					CONTROL_FIELDS.honeypot,
					'__proto__',
					'constructor',
				]),
			];
			const junk = fc.oneof(
				fc.string({ unit: 'grapheme', maxLength: 60 }),
				fc.string({ unit: 'binary', maxLength: 200 }),
				fc.constantFrom(
					'',
					' ',
					'\r\n',
					'\u0000',
					'\uFFFD',
					'\u2028',
					'<script>',
					'%FF',
					'1e309',
					'-1',
					'true',
					'[]',
					'{}',
					'x'.repeat(6000),
				),
			);
			const endpoint = fc.constantFrom(
				{ path: NOTIFY, base: validConcern },
				{ path: '/hu/consultation/?_action=book', base: validBooking },
			);
			// Start from a valid form and change, drop or add fields: the junk reaches every check.
			const request = fc.record({
				endpoint,
				changes: fc.dictionary(fc.constantFrom(...names, 'extra'), fc.option(junk, { nil: null }), {
					maxKeys: 4,
				}),
				freshId: fc.boolean(),
			});
			let runs = 0;
			let accepted = 0;
			const statuses = new Map<number, number>();
			await fc.assert(
				fc.asyncProperty(request, async ({ endpoint: { path, base }, changes, freshId }) => {
					runs++;
					const body = new URLSearchParams({
						...base,
						...(freshId ? { submissionId: randomUUID() } : {}),
					});
					for (const [name, value] of Object.entries(changes)) {
						if (value === null) body.delete(name);
						else body.set(name, value);
					}
					const before = storedSubmissions(app.dataDir);
					const answer = await post(app.url, path, body.toString());
					statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
					expect(answer.status, `5xx for ${body.toString().slice(0, 300)}`).toBeLessThan(500);
					const added = storedSubmissions(app.dataDir) - before;
					// A stored concern is answered with a redirect to its confirmation, which shows the reference.
					const confirmation =
						answer.status === 303 ? String(answer.headers['location'] ?? '') : '';
					const sent = /\/notify\/sent\/\?token=/.test(confirmation)
						? await fetch(new URL(confirmation, app.url))
						: undefined;
					const reference = sent ? referenceIn(await sent.text()) : referenceIn(answer.body);
					if ((answer.status !== 200 && !sent?.ok) || reference === undefined)
						expect(added, 'a refused request stored nothing').toBe(0);
					else {
						expect(isStored(app.dataDir, reference), 'a confirmation only for what is stored').toBe(
							true,
						);
						accepted += added;
					}
				}),
				{ numRuns: 100 },
			);
			console.info(
				`fast-check, part ${part} of 3: ${runs} generated posts, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${accepted} accepted as valid`,
			);
			expect(statuses.get(400) ?? 0, 'most junk is refused').toBeGreaterThan(runs / 3);
		});
	}
});
