/**
 * Booking a consultation end to end against the real server and a Resend-compatible fake: with
 * and without JavaScript both e-mails arrive, the calendar file parses and has the right UTC
 * time, cancelling frees the slot and tells the specialist, links cannot be forged or reused,
 * and 50 people trying for the same slot at once give exactly one booking.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { passHumanCheck } from './human-check.ts';
import { expect, test } from '@playwright/test';
import { parseSlotId } from '../../src/lib/slots.ts';
import { signingKey, signToken } from '../../src/server/tokens.ts';
import { readYaml } from '../unit/content-files.ts';
import {
	outboxCounts,
	startAppWithResend,
	type AppServer,
	type AppWithResend,
} from '../fixtures/app-server.ts';
import {
	BOOKINGS,
	freeSlotIds,
	linksIn,
	postBooking,
	type BookingAnswers,
} from '../fixtures/booking-answers.ts';
import { referenceIn } from '../fixtures/concern-answers.ts';
import { guardFields } from '../fixtures/guard-fields.ts';
import { parseIcs, utcDateTime } from '../fixtures/ics-parse.ts';
import type { ReceivedEmail, ResendFake } from '../fixtures/resend-fake.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
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

const ofKind = (emails: ReceivedEmail[], reference: string, kind: string) =>
	emails.find((e) => e.subject.includes(reference) && e.idempotencyKey?.endsWith(`:${kind}`));

/** Waits for both e-mails of a booking and checks what each carries, and what it must not. */
async function expectBothEmails(b: BookingAnswers, reference: string, slot: string) {
	const emails = await resend.waitFor(
		(all) => all.filter((e) => e.subject.includes(reference)).length === 2,
	);
	const { specialistId, start } = parseSlotId(slot)!;
	const professional = ofKind(emails, reference, 'booking-professional')!;
	const specialist = ofKind(emails, reference, 'booking-specialist')!;

	expect(professional.to).toEqual([b.fields['reporterEmail']]);
	expect(professional.text).toContain(reference);
	expect(professional.text).toMatch(/\/consultation\/cancel\/\?token=/);
	expect(professional.text, 'the description stays with the specialist').not.toContain(
		b.fields['description']!.slice(0, 30),
	);

	expect(specialist.to).toEqual([b.specialistEmail[specialistId]]);
	expect([specialist.reply_to].flat()).toEqual([b.fields['reporterEmail']]);
	for (const name of ['reporterName', 'reporterOrganisation', 'reporterPhone', 'description'])
		expect(specialist.text).toContain(b.fields[name]);
	const escaped = b.fields['description']!.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/"/g, '&quot;');
	expect(specialist.html).toContain(escaped);

	// The calendar file: parses, the right instant in UTC, a neutral title, no case details.
	const attachment = professional.attachments?.find((a) => a.filename.endsWith('.ics'));
	expect(attachment).toBeDefined();
	const ics = Buffer.from(attachment!.content, 'base64').toString('utf8');
	const event = parseIcs(ics).components.find((c) => c.name === 'VEVENT')!;
	expect(utcDateTime(event.properties.get('DTSTART')!.value)).toBe(start);
	expect(utcDateTime(event.properties.get('DTEND')!.value)).toBeGreaterThan(start);
	expect(event.properties.get('SUMMARY')!.value).toMatch(/^[\p{L} ]+$/u);
	expect(ics).not.toContain(b.fields['description']!.slice(0, 20));
	expect(ics).not.toContain(b.fields['reporterName']);
	return { professional, specialist, ics };
}

test('without JavaScript: a booking in Danish, step by step, sends both e-mails with a calendar file', async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const b = BOOKINGS.da;
	await reachSlots(page, app.url, b);
	const slot = await chooseSlot(page);
	await fillAboutYou(page, b);
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeVisible();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	await passHumanCheck(page);
	const reference = (await page.locator('.reference strong').innerText()).trim();
	expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	const { ics } = await expectBothEmails(b, reference, slot);

	// The calendar link on the confirmation page serves the same event.
	const href = await page.locator('a[href*="calendar.ics"]').getAttribute('href');
	const download = await page.request.get(`${app.url}${href}`);
	expect(download.headers()['content-type']).toContain('text/calendar');
	const served = await download.text();
	expect(served.match(/DTSTART:\S+/)?.[0]).toBe(ics.match(/DTSTART:\S+/)?.[0]);
	await context.close();
});

test('with JavaScript: in Bulgarian, the personal-data check warns while typing and the booking goes through once confirmed', async ({
	page,
}) => {
	const b = BOOKINGS.bg;
	await reachSlots(page, app.url, b);
	const slot = await chooseSlot(page);
	await fillAboutYou(page, b);
	const warning = page.locator('#personal-data-warning');
	await expect(warning).toBeHidden();
	await page.locator('#description').fill(`${b.fields['description']} Детето се казва Иван.`);
	await expect(warning).toBeVisible();
	await expect(warning.locator('li')).toHaveCount(1);

	// Sending without confirming: the server says the same, and nothing is booked.
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('#personalDataConfirmed-error')).toBeVisible();
	await page.locator('#personalDataConfirmed').check();
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	const reference = (await page.locator('.reference strong').innerText()).trim();
	const { specialist } = await expectBothEmails(
		{
			...b,
			fields: { ...b.fields, description: `${b.fields['description']} Детето се казва Иван.` },
		},
		reference,
		slot,
	);
	// The check's result travels with the booking: the specialist sees what was found and confirmed.
	const bg = readYaml('ui/bg.yaml') as Record<string, string>;
	expect(specialist.text).toContain(
		bg['mail.specialist.pdConfirmed']!.replace('{findings}', bg['booking.pd.name']!),
	);
	expect(await freeSlotIds(app.url, b)).not.toContain(slot);
});

test('cancel: the link frees the slot and tells the specialist; a reused, forged or expired link gets a clear error page', async ({
	page,
}) => {
	const b = BOOKINGS.de;
	const [slot] = await freeSlotIds(app.url, b);
	const id = randomUUID();
	const booked = await postBooking(app.url, b, id, slot!);
	expect(booked.status).toBe(200);
	const reference = referenceIn(booked.html)!;
	expect(await freeSlotIds(app.url, b)).not.toContain(slot);
	await expectBothEmails(b, reference, slot!);
	const { cancel } = linksIn(booked.html)!;

	// Opening the link only asks (a link preview must not cancel anything).
	await page.goto(`${app.url}${cancel}`);
	await expect(page.getByRole('button')).toBeVisible();
	expect(await freeSlotIds(app.url, b)).not.toContain(slot);
	await page.getByRole('button').click();
	await expect(page.locator('.panel[role="status"]')).toBeVisible();
	expect(await freeSlotIds(app.url, b)).toContain(slot);
	const notice = await resend.waitFor((all) =>
		all.some((e) => e.idempotencyKey === `${id}:booking-cancel-specialist`),
	);
	const cancelled = notice.find((e) => e.idempotencyKey === `${id}:booking-cancel-specialist`)!;
	expect(cancelled.to).toEqual([b.specialistEmail[parseSlotId(slot!)!.specialistId]]);
	expect(cancelled.subject).toContain(reference);
	// The professional is told too, with a calendar file that takes the event out of their calendar.
	const toProfessional = (
		await resend.waitFor((all) =>
			all.some((e) => e.idempotencyKey === `${id}:booking-cancel-professional`),
		)
	).find((e) => e.idempotencyKey === `${id}:booking-cancel-professional`)!;
	expect(toProfessional.to).toEqual([b.fields['reporterEmail']]);
	expect(toProfessional.subject).toContain(reference);
	const cancelIcs = Buffer.from(
		toProfessional.attachments!.find((a) => a.filename.endsWith('.ics'))!.content,
		'base64',
	).toString('utf8');
	const bookedIcs = Buffer.from(
		ofKind(resend.emails, reference, 'booking-professional')!.attachments!.find((a) =>
			a.filename.endsWith('.ics'),
		)!.content,
		'base64',
	).toString('utf8');
	const uidOf = (ics: string) =>
		parseIcs(ics)
			.components.find((c) => c.name === 'VEVENT')!
			.properties.get('UID')!.value;
	expect(parseIcs(cancelIcs).properties.get('METHOD')!.value).toBe('CANCEL');
	expect(uidOf(cancelIcs)).toBe(uidOf(bookedIcs));

	// Used once: the same link now says so, and cancels nothing else.
	const again = await page.goto(`${app.url}${cancel}`);
	expect(again!.status()).toBe(410);
	await expect(page.locator('.panel--danger[role="alert"]')).toBeVisible();
	// The calendar file of a cancelled consultation is gone too, and the page says so in German.
	const gone = await page.goto(`${app.url}${linksIn(booked.html)!.calendar}`);
	expect(gone!.status()).toBe(410);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.locator('.panel--danger[role="alert"]')).toContainText(
		(readYaml('ui/de.yaml') as Record<string, string>)['booking.cancel.already']!,
	);
	// A damaged calendar link: 400, in the page's language, not English plain text.
	const damaged = await page.goto(`${app.url}/hu/consultation/calendar.ics?token=nonsense`);
	expect(damaged!.status()).toBe(400);
	expect(damaged!.headers()['content-type']).toContain('text/html');
	await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
	await expect(page.locator('.panel--danger[role="alert"]')).toContainText(
		(readYaml('ui/hu.yaml') as Record<string, string>)['booking.cancel.forged']!,
	);
	// The page explaining a calendar link is not a page of its own.
	expect((await page.request.get(`${app.url}/hu/consultation/calendar-link/`)).status()).toBe(404);

	// Forged: a changed payload or signature.
	const token = new URL(cancel, app.url).searchParams.get('token')!;
	const forged = `${Buffer.from(JSON.stringify(['cancel', randomUUID(), Date.now() + 86_400_000])).toString('base64url')}.${token.split('.')[1]}`;
	for (const bad of [forged, `${token}x`, 'nonsense']) {
		const response = await page.goto(
			`${app.url}/de/consultation/cancel/?token=${encodeURIComponent(bad)}`,
		);
		expect(response!.status(), bad).toBe(400);
		await expect(page.locator('.panel--danger[role="alert"]')).toBeVisible();
	}

	// Expired: a genuine signature, but the consultation has begun.
	const key = signingKey(
		Buffer.from(readFileSync(join(app.dataDir, 'data.key'), 'utf8').trim(), 'base64'),
	);
	const [secondSlot] = await freeSlotIds(app.url, b);
	const secondId = randomUUID();
	expect((await postBooking(app.url, b, secondId, secondSlot!)).status).toBe(200);
	const expired = signToken(key, { purpose: 'cancel', id: secondId, expires: Date.now() - 1000 });
	const response = await page.goto(`${app.url}/de/consultation/cancel/?token=${expired}`);
	expect(response!.status()).toBe(410);
	await expect(page.locator('.panel--danger[role="alert"]')).toBeVisible();
	// …and the booking it points to stays.
	expect(await freeSlotIds(app.url, b)).not.toContain(secondSlot);
});

test("knowing a booking's id is not enough: a post under that id with other answers gets no link, and a cancelled booking is not shown as booked", async () => {
	const b = BOOKINGS.de;
	const [slot] = await freeSlotIds(app.url, b);
	const id = randomUUID();
	const guard = await guardFields(app.url);
	const booked = await postBooking(app.url, b, id, slot!, {}, guard);
	expect(booked.status).toBe(200);
	// The id is in the calendar file and the links; someone who has them posts their own answers under it.
	const intruder = await postBooking(
		app.url,
		{ ...b, fields: { ...b.fields, reporterEmail: 'intruder@example.com' } },
		id,
		slot!,
	);
	expect(intruder.status).toBe(400);
	expect(linksIn(intruder.html)).toBeUndefined();
	expect(referenceIn(intruder.html)).toBeUndefined();
	// The real person sending again still gets their booking; after cancelling, not any more.
	expect(referenceIn((await postBooking(app.url, b, id, slot!, {}, guard)).html)).toBe(
		referenceIn(booked.html),
	);
	const { cancel } = linksIn(booked.html)!;
	await fetch(new URL(cancel, app.url), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
		body: new URLSearchParams({ token: new URL(cancel, app.url).searchParams.get('token')! }),
	});
	const after = await postBooking(app.url, b, id, slot!, {}, guard);
	expect(after.status).toBe(409);
	expect(referenceIn(after.html)).toBeUndefined();
});

test('50 concurrent attempts at the same slot: exactly one booking, 49 clear "taken" answers', async () => {
	const b = BOOKINGS.hu;
	const [slot] = await freeSlotIds(app.url, b);
	// The earlier tests' e-mails (a cancellation's two) may still be on their way: count from quiet.
	await expect.poll(async () => (await outboxCounts(app.url)).outbox.pending).toBe(0);
	const sentBefore = resend.emails.length;
	const answers = await Promise.all(
		Array.from({ length: 50 }, () => postBooking(app.url, b, randomUUID(), slot!)),
	);
	const statuses = answers.map((a) => a.status);
	expect(statuses.filter((s) => s === 200)).toHaveLength(1);
	expect(statuses.filter((s) => s === 409)).toHaveLength(49);
	for (const taken of answers.filter((a) => a.status === 409)) {
		expect(taken.html).toContain('role="alert"');
		// The answer offers the other free times straight away.
		expect(taken.html).toContain('name="slot"');
		expect(taken.html).not.toContain(`value="${slot}"`);
	}
	const reference = referenceIn(answers.find((a) => a.status === 200)!.html)!;
	await resend.waitFor((all) => all.filter((e) => e.subject.includes(reference)).length === 2);
	// Once the outbox has nothing waiting, nothing more goes out.
	await expect.poll(async () => (await outboxCounts(app.url)).outbox.pending).toBe(0);
	expect(resend.emails.length - sentBefore).toBe(2);
});

test('the same booking sent twice (double click, network retry) is one booking with one pair of e-mails', async () => {
	const b = BOOKINGS.en;
	const [slot] = await freeSlotIds(app.url, b);
	const id = randomUUID();
	// The very same post three times: the same answers, start time and solved challenge.
	const guard = await guardFields(app.url);
	const answers = await Promise.all(
		[1, 2, 3].map(() => postBooking(app.url, b, id, slot!, {}, guard)),
	);
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
	expect(new Set(answers.map((a) => referenceIn(a.html))).size).toBe(1);
	await resend.waitFor(
		(all) => all.filter((e) => e.idempotencyKey?.startsWith(`${id}:`)).length === 2,
	);
	// A video consultation: the confirmation and the e-mail say how to join (the office's link, per booking).
	const link = `https://video.musterstadt.example.org/beratung-${referenceIn(answers[0]!.html)}`;
	expect(answers[0]!.html).toContain(`href="${link}"`);
	expect(
		resend.emails.find((e) => e.idempotencyKey === `${id}:booking-professional`)!.text,
	).toContain(link);
	await expect.poll(async () => (await outboxCounts(app.url)).outbox.pending).toBe(0);
	expect(resend.emails.filter((e) => e.idempotencyKey?.startsWith(`${id}:`))).toHaveLength(2);
});

test('a slot that is not offered (too soon, made up, another office) is refused without booking', async () => {
	const b = BOOKINGS.de;
	const soon = `beispiel@${new Date(Math.ceil(Date.now() / 3600_000) * 3600_000).toISOString()}`;
	for (const slot of [
		soon,
		'beispiel@2026-01-01T08:00:00.000Z',
		'eksempel@2030-01-07T09:00:00.000Z',
		'nonsense',
	]) {
		const { status } = await postBooking(app.url, b, randomUUID(), slot);
		expect([400, 409], slot).toContain(status);
	}
});
