/**
 * The concern reaches the office and the receipt reaches the professional – through Resend
 * (a fake on loopback) and through SMTP (a real SMTP server in-process) – with and without
 * JavaScript, when the provider is down for a while, after a crash, and on double submit.
 */
import { randomUUID } from 'node:crypto';
import { passHumanCheck } from './human-check.ts';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import {
	outboxCounts,
	startApp,
	startAppWithResend,
	type AppServer,
	type AppWithResend,
} from '../fixtures/app-server.ts';
import { guardFields } from '../fixtures/guard-fields.ts';
import { plainText } from '../fixtures/mime-text.ts';
import {
	BULGARIAN,
	DANISH,
	HUNGARIAN,
	postConcern,
	referenceIn,
	type Answers,
} from '../fixtures/concern-answers.ts';
import type { ReceivedEmail, ResendFake } from '../fixtures/resend-fake.ts';
import { fillAllAtOnce, fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

test.describe.configure({ mode: 'serial' });

let setup: AppWithResend;
let resend: ResendFake;
let app: AppServer;

test.beforeAll(async () => {
	setup = await startAppWithResend();
	({ app, resend } = setup);
});
test.afterAll(() => setup?.stop());

const forSubmission = (id: string) => (emails: ReceivedEmail[]) =>
	emails.filter((e) => e.idempotencyKey?.startsWith(`${id}:`));

const health = () => outboxCounts(app.url);

function expectDelivered(emails: ReceivedEmail[], answers: Answers, reference: string) {
	const office = emails.find((e) => e.idempotencyKey?.endsWith(':concern-office'))!;
	const receipt = emails.find((e) => e.idempotencyKey?.endsWith(':concern-receipt'))!;
	expect(office.to).toEqual([answers.officeEmail]);
	expect(office.subject).toContain(reference);
	expect([office.reply_to].flat()).toEqual([answers.fields['reporterEmail']]);
	// Every answer arrives intact in the text, and escaped in the HTML.
	for (const key of ['childName', 'observation', 'reporterName', 'reporterOrganisation'] as const) {
		const value = String(answers.fields[key]);
		expect(office.text).toContain(value);
		expect(office.html).toContain(
			value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
		);
	}
	expect(office.html).not.toContain('<script>');
	expect(receipt.to).toEqual([answers.fields['reporterEmail']]);
	expect(receipt.subject).toContain(reference);
	expect(receipt.text).not.toContain(String(answers.fields['childName']));
	expect(receipt.text).not.toContain(String(answers.fields['observation']));
}

test('with JavaScript, step by step: a concern in Bulgarian reaches the office and the receipt the professional', async ({
	page,
}) => {
	await reachForm(page, app.url, BULGARIAN);
	await expect(page.locator('.progress')).toContainText('3');
	await fillStepByStep(page, BULGARIAN);
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	const reference = (await page.locator('.reference strong').innerText()).trim();
	expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	// The confirmation page's script removes the draft once it has run.
	await expect
		.poll(() => page.evaluate(() => sessionStorage.getItem('concern-draft')), {
			message: 'the draft is removed after sending',
		})
		.toBeNull();
	const emails = await resend.waitFor(
		(all) => all.filter((e) => e.subject.includes(reference)).length === 2,
	);
	expectDelivered(
		emails.filter((e) => e.subject.includes(reference)),
		BULGARIAN,
		reference,
	);
});

test('without JavaScript, all on one page: a concern in Hungarian reaches the office and the receipt the professional', async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await reachForm(page, app.url, HUNGARIAN);
	await fillAllAtOnce(page, HUNGARIAN);
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeVisible();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	await passHumanCheck(page);
	const reference = (await page.locator('.reference strong').innerText()).trim();
	const emails = await resend.waitFor(
		(all) => all.filter((e) => e.subject.includes(reference)).length === 2,
	);
	expectDelivered(
		emails.filter((e) => e.subject.includes(reference)),
		HUNGARIAN,
		reference,
	);
	await context.close();
});

/** An office without `deliverFullConcernByEmail` (the default) is told that a concern arrived, and nothing of it. */
function expectNoticeOnly(emails: ReceivedEmail[], answers: Answers, reference: string) {
	const office = emails.find((e) => e.idempotencyKey?.endsWith(':concern-office'))!;
	expect(office.to).toEqual([answers.officeEmail]);
	expect(office.subject).toContain(reference);
	expect(office.reply_to).toBeUndefined();
	expect(office.text).toContain('/office/');
	for (const value of Object.values(answers.fields).flat())
		if (value.length > 3) expect(`${office.text}${office.html}`).not.toContain(value);
}

test('a posted concern in Danish arrives too: the office (default setting) gets a notice without content', async () => {
	const id = randomUUID();
	const { status, html } = await postConcern(app.url, DANISH, id);
	expect(status).toBe(200);
	const reference = referenceIn(html)!;
	const emails = forSubmission(id)(
		await resend.waitFor((all) => forSubmission(id)(all).length === 2),
	);
	expectNoticeOnly(emails, DANISH, reference);
	const receipt = emails.find((e) => e.idempotencyKey?.endsWith(':concern-receipt'))!;
	expect(receipt.to).toEqual([DANISH.fields['reporterEmail']]);
});

test('submitting the same concern twice (double click, network retry) creates one concern and one delivery', async () => {
	const before = (await health()).outbox.sent;
	const id = randomUUID();
	// The very same post three times: the same answers, start time and solved challenge.
	const guard = await guardFields(app.url);
	const answers = await Promise.all(
		[1, 2, 3].map(() => postConcern(app.url, DANISH, id, {}, guard)),
	);
	const references = new Set(answers.map((a) => referenceIn(a.html)));
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
	expect(references.size).toBe(1);
	await resend.waitFor((all) => forSubmission(id)(all).length === 2);
	await expect.poll(async () => (await health()).outbox.sent).toBe(before + 2);
	expect(resend.emails.filter((e) => e.idempotencyKey?.startsWith(id)).length).toBe(2);
});

test('provider down for a while, then back: every accepted concern is delivered exactly once', async () => {
	resend.failAlways(500);
	const ids = Array.from({ length: 4 }, () => randomUUID());
	for (const [i, id] of ids.entries()) {
		const { status } = await postConcern(
			app.url,
			[BULGARIAN, HUNGARIAN, DANISH, BULGARIAN][i]!,
			id,
		);
		expect(status).toBe(200);
	}
	const requestsBefore = resend.requests;
	await expect.poll(() => resend.requests, { timeout: 15_000 }).toBeGreaterThan(requestsBefore + 8); // retried, not given up
	expect((await health()).outbox.pending).toBe(8);
	resend.fail(0);
	await resend.waitFor((all) => ids.every((id) => forSubmission(id)(all).length === 2), 30_000);
	for (const id of ids) expect(forSubmission(id)(resend.emails).length).toBe(2);
	await expect.poll(async () => (await health()).outbox.pending).toBe(0);
	expect((await health()).outbox.dead).toBe(0);
});

test('rate limited (429 with Retry-After): waits, then delivers', async () => {
	resend.fail(1, 429, 1);
	const id = randomUUID();
	const started = Date.now();
	expect((await postConcern(app.url, HUNGARIAN, id)).status).toBe(200);
	await resend.waitFor((all) => forSubmission(id)(all).length === 2);
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
});

test('the server is killed right after accepting: after a restart the concern is delivered', async () => {
	resend.failAlways(503);
	const id = randomUUID();
	expect((await postConcern(app.url, BULGARIAN, id)).status).toBe(200);
	await app.kill('SIGKILL');
	resend.fail(0);
	await app.restart();
	const emails = forSubmission(id)(
		await resend.waitFor((all) => forSubmission(id)(all).length === 2),
	);
	expect(emails.map((e) => e.idempotencyKey).sort()).toEqual([
		`${id}:concern-office`,
		`${id}:concern-receipt`,
	]);
});

test('no answer appears in the server log', async () => {
	const log = app.output();
	for (const answers of [BULGARIAN, HUNGARIAN, DANISH]) {
		for (const value of Object.values(answers.fields).flat()) {
			if (value.length > 6) expect(log, `log leaks "${value}"`).not.toContain(value);
		}
	}
});

test('through SMTP: concerns in three languages reach an SMTP server', async () => {
	const received: { from: string; to: string[]; raw: string }[] = [];
	const smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
			stream.on('end', () => {
				received.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw,
				});
				callback();
			});
		},
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	const port = (smtp.server.address() as { port: number }).port;
	const smtpApp = await startApp({
		MAIL_TRANSPORT: 'smtp',
		SMTP_URL: `smtp://127.0.0.1:${port}`,
		MAIL_RETRY_BASE_MS: '100',
	});
	try {
		for (const answers of [BULGARIAN, HUNGARIAN, DANISH]) {
			const { status } = await postConcern(smtpApp.url, answers, randomUUID());
			expect(status).toBe(200);
		}
		await expect.poll(() => received.length, { timeout: 20_000 }).toBe(6);
		for (const answers of [BULGARIAN, HUNGARIAN, DANISH]) {
			const office = received.find((m) => m.to.includes(answers.officeEmail));
			expect(office, `mail to ${answers.officeEmail}`).toBeDefined();
			expect(received.some((m) => m.to.includes(String(answers.fields['reporterEmail'])))).toBe(
				true,
			);
			// Decoded, the text carries the answer in its own script – where the office asked for the full concern by e-mail.
			const full = answers !== DANISH;
			expect(plainText(office!.raw).includes(String(answers.fields['childName']))).toBe(full);
			expect(plainText(office!.raw).includes(String(answers.fields['observation']))).toBe(full);
		}
	} finally {
		await smtpApp.kill();
		await new Promise<void>((resolve) => smtp.close(() => resolve()));
	}
});
