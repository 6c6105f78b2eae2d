/**
 * Floods must not hurt genuine concerns or third parties: an urgent concern overtakes a backlog
 * of spam, another office's concern is not held up by it, a typed-in address cannot be mailed
 * without end, one address cannot book every free slot, and the question step costs a script
 * time of its own.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
	startApp,
	startAppWithResend,
	type AppServer,
	type AppWithResend,
} from '../fixtures/app-server.ts';
import { BOOKINGS, freeSlotIds, postBooking } from '../fixtures/booking-answers.ts';
import {
	DANISH,
	HUNGARIAN,
	postConcern,
	referenceIn,
	type Answers,
} from '../fixtures/concern-answers.ts';
import { formPost } from '../fixtures/raw-http.ts';
import { translatorFor } from '../unit/content-files.ts';

test.describe.configure({ mode: 'serial' });

const withFields = (answers: Answers, fields: Record<string, string>): Answers => ({
	...answers,
	fields: { ...answers.fields, ...fields },
});

test.describe('a backlog of spam', () => {
	let setup: AppWithResend;
	test.beforeAll(async () => {
		// The provider's usual 2 e-mails a second: 60 concerns are a minute of backlog.
		setup = await startAppWithResend({ MAIL_RATE_PER_SECOND: '2' });
	});
	test.afterAll(() => setup?.stop());

	test('an urgent concern is handed to the provider within 5 s after 60 ordinary ones, and another office within a few sends', async () => {
		const { app, resend } = setup;
		const spam = withFields(DANISH, { urgency: 'not-urgent', reporterEmail: 'flood@example.com' });
		const flood = await Promise.all(
			Array.from({ length: 60 }, () => postConcern(app.url, spam, randomUUID())),
		);
		expect(flood.every((f) => f.status === 200 && referenceIn(f.html))).toBe(true);

		const urgentId = randomUUID();
		const posted = performance.now();
		expect(
			(await postConcern(app.url, withFields(DANISH, { urgency: 'today' }), urgentId)).status,
		).toBe(200);
		const otherId = randomUUID();
		expect(
			(await postConcern(app.url, withFields(HUNGARIAN, { urgency: 'this-week' }), otherId)).status,
		).toBe(200);

		await resend.waitFor(
			(all) => all.some((e) => e.idempotencyKey === `${urgentId}:concern-office`),
			5_000,
		);
		const urgentAfter = performance.now() - posted;
		await resend.waitFor(
			(all) => all.some((e) => e.idempotencyKey === `${otherId}:concern-office`),
			8_000,
		);
		const otherAfter = performance.now() - posted;
		const spamSent = resend.emails.filter(
			(e) => e.to.includes('flood@example.com') || e.reply_to === 'flood@example.com',
		).length;
		console.log(
			`flood: 60 ordinary concerns queued; the urgent one reached the provider after ${(urgentAfter / 1000).toFixed(1)} s, another office's after ${(otherAfter / 1000).toFixed(1)} s, with ${spamSent} flood e-mails sent by then`,
		);
		expect(urgentAfter).toBeLessThan(5_000);
	});
});

test.describe('mail to a typed-in address', () => {
	let setup: AppWithResend;
	test.beforeAll(async () => {
		setup = await startAppWithResend({
			MAIL_PER_RECIPIENT_PER_DAY: '3',
			MAIL_TO_PROFESSIONALS_PER_DAY: '5',
		});
	});
	test.afterAll(() => setup?.stop());

	test('one address gets at most its daily budget of receipts, the site at most its own, and every office copy goes out', async () => {
		const { app, resend } = setup;
		const victim = withFields(DANISH, { reporterEmail: 'victim@example.com' });
		const ids = Array.from({ length: 6 }, () => randomUUID());
		for (const id of ids) expect((await postConcern(app.url, victim, id)).status).toBe(200);
		const others = Array.from({ length: 4 }, (_, i) => ({
			id: randomUUID(),
			answers: withFields(HUNGARIAN, { reporterEmail: `other${i}@example.com` }),
		}));
		for (const { id, answers } of others)
			expect((await postConcern(app.url, answers, id)).status).toBe(200);

		const all = [...ids, ...others.map((o) => o.id)];
		await resend.waitFor(
			(emails) =>
				all.every((id) => emails.some((e) => e.idempotencyKey === `${id}:concern-office`)),
			15_000,
		);
		const receipts = resend.emails.filter((e) => e.idempotencyKey?.endsWith(':concern-receipt'));
		const toVictim = receipts.filter((e) => e.to.includes('victim@example.com'));
		console.log(
			`mail budget: 10 concerns, 10 office copies; receipts ${receipts.length} (to the victim ${toVictim.length})`,
		);
		expect(toVictim).toHaveLength(3);
		expect(receipts).toHaveLength(5);
	});
});

test.describe('bookings from one professional or one network', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ BOOKINGS_PER_EMAIL: '2', BOOKINGS_PER_ADDRESS: '3' });
	});
	test.afterAll(() => app?.kill());

	test('a third active booking for one e-mail, and a fourth from one address, are refused with the limit in the form error', async () => {
		const b = BOOKINGS.de;
		const de = translatorFor('de');
		const slots = await freeSlotIds(app.url, b);
		const book = (slot: string, email: string) =>
			postBooking(
				app.url,
				{ ...b, fields: { ...b.fields, reporterEmail: email } },
				randomUUID(),
				slot,
			);
		expect((await book(slots[0]!, 'one@example.com')).status).toBe(200);
		expect((await book(slots[1]!, 'one@example.com')).status).toBe(200);
		const third = await book(slots[2]!, 'ONE@example.com');
		expect(third.status).toBe(400);
		expect(third.html).toContain(de('error.bookingLimitEmail', { count: 2 }));
		expect((await book(slots[3]!, 'two@example.com')).status).toBe(200);
		const fourth = await book(slots[4]!, 'three@example.com');
		expect(fourth.status).toBe(400);
		expect(fourth.html).toContain(de('error.bookingLimitAddress', { count: 3 }));
		expect(await freeSlotIds(app.url, b)).toContain(slots[2]);
	});
});

test.describe('the question step', () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp({ QUESTION_ANSWERS_PER_HOUR: '3' });
	});
	test.afterAll(() => app?.kill());

	test('answers from one address are limited per hour (429 with Retry-After); other posts are not', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++)
			statuses.push(
				(await formPost(app.url, '/da/notify/?_action=notify', `_question=x&_answer=${i}&x=1`))
					.status,
			);
		expect(statuses.slice(0, 3)).not.toContain(429);
		const limited = await formPost(
			app.url,
			'/da/notify/?_action=notify',
			'_question=x&_answer=7&x=1',
		);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers['retry-after'])).toBeGreaterThan(60);
		expect((await formPost(app.url, '/da/notify/?_action=notify', 'x=1')).status).toBe(400);
	});
});
