/**
 * Feedback to the professional, end to end in Chromium with a virtual passkey: a concern sent in
 * Danish, acknowledged and answered with one of Denmark's fixed templates; the professional's
 * feedback arrives in Danish, once however often the form is sent, and no e-mail to the office
 * carries anything the professional typed. Bad input, a cross-site post and another office's
 * person change nothing.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'yaml';
import { TEST_CONTENT_DIR } from '../fixtures/app-server.ts';
import { DANISH, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import type { Country } from '../../src/lib/content-schemas.ts';
import {
	auditRows,
	countRows,
	marked,
	signedInPerson,
	startOfficeApp,
	type OfficeApp,
} from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

const templates = (
	parse(readFileSync(join(TEST_CONTENT_DIR, 'countries/dk.yaml'), 'utf8')) as Country
).feedbackTemplates;
const chosen = templates[0]!;

let office: OfficeApp;
let worker: { page: Page; close(): Promise<void> };
test.beforeAll(async ({ browser }) => {
	test.setTimeout(60_000);
	office = await startOfficeApp();
	const { context, page } = await signedInPerson(browser, office, {
		email: 'tilbagemelding@eksempelby.example.org',
		name: 'Tove Tilbagemelding',
		office: 'dk-eksempelby',
		locale: 'da',
	});
	worker = { page, close: () => context.close() };
});
test.afterAll(async () => {
	await worker?.close();
	await office?.stop();
});

/** A Danish concern with a marker in every typed field; its id, reference and markers. */
async function danishConcern(tag: string) {
	const { answers, markers } = marked(DANISH, tag, 'this-week');
	const id = randomUUID();
	const sent = await postConcern(office.app.url, answers, id);
	expect(sent.status).toBe(200);
	return { id, reference: referenceIn(sent.html)!, markers };
}

const feedbackRows = (id: string) => ({
	stored: countRows(
		office.app.dataDir,
		'SELECT 1 FROM office_feedback WHERE submission_id = ?',
		id,
	),
	queued: countRows(
		office.app.dataDir,
		"SELECT 1 FROM outbox WHERE submission_id = ? AND kind = 'concern-feedback'",
		id,
	),
});

const post = (reference: string, form: Record<string, string>, origin = office.url) =>
	worker.page.request.post(`${office.url}/office/concerns/${reference}/`, {
		form,
		headers: origin ? { Origin: origin } : {},
		maxRedirects: 0,
	});

test('acknowledge, then feedback from the Danish templates: the professional gets it in Danish, once; the office gets nothing typed', async () => {
	const concern = await danishConcern('f');
	const { page } = worker;
	await page.goto(`${office.url}/office/concerns/${concern.reference}/`);
	await expect(page.getByRole('radio')).toHaveCount(0);
	await page.getByRole('button', { name: 'Kvittér for modtagelsen' }).click();
	await expect(page.getByRole('status')).toContainText('Kvitteret');

	const group = page.getByRole('group', { name: 'Tilbagemelding til den, der underrettede' });
	await expect(group.getByRole('radio')).toHaveCount(templates.length);
	await group.getByLabel(chosen.text.da).check();
	await page.getByRole('button', { name: 'Send tilbagemelding' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Tilbagemelding sendt. Den, der underrettede, får den på e-mail.',
	);
	await expect(page.locator('main')).toContainText('Tilbagemelding sendt den');
	await expect(page.locator('main')).toContainText(chosen.text.da);
	await expect(page.getByRole('button', { name: 'Send tilbagemelding' })).toHaveCount(0);

	const key = `${concern.id}:concern-feedback`;
	const emails = await office.resend.waitFor((all) => all.some((e) => e.idempotencyKey === key));
	const mail = emails.find((e) => e.idempotencyKey === key)!;
	expect(mail.to).toEqual([DANISH.fields['reporterEmail']]);
	expect([mail.reply_to].flat()).toEqual([DANISH.officeEmail]);
	expect(mail.subject).toBe(`Tilbagemelding på din underretning ${concern.reference}`);
	expect(mail.text).toContain(chosen.text.da);
	expect(mail.html).toContain('lang="da"');
	for (const marker of concern.markers)
		expect(`${mail.subject}${mail.text}${mail.html}`).not.toContain(marker);

	// The same feedback sent again (a double click, the form sent twice), or another answer after it: one e-mail.
	for (const choice of [chosen.id, templates[1]!.id])
		expect((await post(concern.reference, { intent: 'feedback', feedback: choice })).status()).toBe(
			303,
		);
	expect(feedbackRows(concern.id)).toEqual({ stored: 1, queued: 1 });

	const toOffice = office.resend.emails.filter((e) => e.to.includes(DANISH.officeEmail));
	expect(toOffice.length).toBeGreaterThan(0);
	for (const sent of toOffice)
		for (const marker of concern.markers)
			expect(`${sent.subject}\n${sent.text}\n${sent.html}`, sent.subject).not.toContain(marker);

	const audit = auditRows(office.app.dataDir).filter((r) => r.reference === concern.reference);
	expect(audit.filter((r) => r.action === 'feedback')).toEqual([
		expect.objectContaining({ detail: null, office_id: 'dk-eksempelby' }),
	]);
	expect(JSON.stringify(audit)).not.toContain(chosen.id);
});

test('bad input answers 400 with the field error and the error summary, and nothing is stored or sent', async () => {
	const concern = await danishConcern('b');
	const { page } = worker;
	expect((await post(concern.reference, { intent: 'acknowledge' })).status()).toBe(303);
	// Another country's template (Germany's) is no choice for a Danish office.
	for (const feedback of ['', 'xx', 'confirmed-active', 'a'.repeat(5000)]) {
		const refused = await post(concern.reference, { intent: 'feedback', feedback });
		expect(refused.status(), feedback.slice(0, 20)).toBe(400);
		const html = await refused.text();
		expect(html).toContain('class="error-summary"');
		expect(html).toContain(`href="#feedback-${templates[0]!.id}"`);
		expect(html).toContain('id="feedback-error"');
		for (const marker of concern.markers) expect(html).not.toContain(marker);
	}
	// In the browser: the summary takes the focus and leads to the field.
	await page.goto(`${office.url}/office/concerns/${concern.reference}/`);
	await page.getByRole('button', { name: 'Send tilbagemelding' }).click();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('#feedback-error')).toContainText('Vælg en af mulighederne.');

	// A post from another site is refused before the page sees it.
	const crossSite = await post(
		concern.reference,
		{ intent: 'feedback', feedback: chosen.id },
		'https://attacker.example.com',
	);
	expect(crossSite.status()).toBe(403);
	expect(feedbackRows(concern.id)).toEqual({ stored: 0, queued: 0 });
	expect(
		auditRows(office.app.dataDir).filter(
			(r) => r.reference === concern.reference && r.action === 'feedback',
		),
	).toEqual([]);
});

test('a case worker of another office gets 404 for the concern and its feedback form; nothing is stored', async ({
	browser,
}) => {
	const concern = await danishConcern('o');
	expect((await post(concern.reference, { intent: 'acknowledge' })).status()).toBe(303);
	const outsider = await signedInPerson(browser, office, {
		email: 'fallarbeit@musterstadt.example.org',
		name: 'Frieda Fallarbeit',
		office: 'de-musterstadt',
		locale: 'de',
	});
	try {
		for (const key of [concern.reference, concern.id]) {
			const url = `${office.url}/office/concerns/${key}/`;
			expect((await outsider.page.goto(url))?.status()).toBe(404);
			const posted = await outsider.page.request.post(url, {
				form: { intent: 'feedback', feedback: chosen.id },
				headers: { Origin: office.url },
				maxRedirects: 0,
			});
			expect(posted.status()).toBe(404);
			for (const marker of concern.markers) expect(await posted.text()).not.toContain(marker);
		}
		expect(feedbackRows(concern.id)).toEqual({ stored: 0, queued: 0 });
	} finally {
		await outsider.context.close();
	}
});

test("past the professional's daily mail budget the feedback is refused with 429, nothing stored, and the page says to send it tomorrow", async ({
	browser,
}) => {
	// Two e-mails a day: the concern's receipt and the acknowledgement use them up.
	const tight = await startOfficeApp({ MAIL_PER_RECIPIENT_PER_DAY: '2' });
	try {
		const id = randomUUID();
		const sent = await postConcern(tight.app.url, DANISH, id);
		const reference = referenceIn(sent.html)!;
		const { context, page } = await signedInPerson(browser, tight, {
			email: 'budget@eksempelby.example.org',
			name: 'Bo Budget',
			office: 'dk-eksempelby',
			locale: 'da',
		});
		try {
			await page.goto(`${tight.url}/office/concerns/${reference}/`);
			await page.getByRole('button', { name: 'Kvittér for modtagelsen' }).click();
			await page.getByLabel(chosen.text.da).check();
			const answer = page.waitForResponse((r) => r.request().method() === 'POST');
			await page.getByRole('button', { name: 'Send tilbagemelding' }).click();
			expect((await answer).status()).toBe(429);
			await expect(page.locator('#feedback-error')).toContainText(
				'Send tilbagemeldingen i morgen.',
			);
			const rows = (sql: string) => countRows(tight.app.dataDir, sql, id);
			expect(rows('SELECT 1 FROM office_feedback WHERE submission_id = ?')).toBe(0);
			expect(
				rows("SELECT 1 FROM outbox WHERE submission_id = ? AND kind = 'concern-feedback'"),
			).toBe(0);
		} finally {
			await context.close();
		}
	} finally {
		await tight.stop();
	}
});
