/**
 * Consultations in the office workspace: a specialist signs in with a passkey, adds an absence –
 * the slot is gone from the public consultation form at once, no rebuild – sees a booking on a
 * day off marked (not cancelled), cancels a booking – the professional's notice arrives, the slot
 * is free again – and changes the weekly hours. Bad input answers 400 and stores nothing; a person
 * of another office, or of the same office but not that specialist, gets 404. Every change is in
 * the audit log, without content.
 */
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { referenceIn } from '../fixtures/concern-answers.ts';
import { BOOKINGS, freeSlotIds, postBooking, slotsUrl } from '../fixtures/booking-answers.ts';
import { dayOf } from '../../src/lib/specialist-availability.ts';
import { parseSlotId } from '../../src/lib/slots.ts';
import { auditRows, signedInPerson, startOfficeApp, type OfficeApp } from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

const b = BOOKINGS.en; // Musterstadt, by video
const SPECIALIST = 'beispiel';
const ZONE = 'Europe/Berlin';
const page$ = '/office/specialists/de-musterstadt/beispiel/';

let office: OfficeApp;
let specialist: { context: BrowserContext; page: Page };

const slotsOf = async (who = SPECIALIST) =>
	(await freeSlotIds(office.app.url, b)).filter((id) => id.startsWith(`${who}@`));
const dayOfSlot = (id: string) => dayOf(parseSlotId(id)!.start, ZONE);

/** One row of a query on the store, read beside the server. */
function one<T>(sql: string): T {
	const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly: true });
	try {
		return db.prepare(sql).get() as T;
	} finally {
		db.close();
	}
}
const count = (from: string) => one<{ n: number }>(`SELECT COUNT(*) AS n FROM ${from}`).n;
/** A day as the page shows it in English. */
const shown = (day: string) =>
	new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		Date.parse(`${day}T12:00:00Z`),
	);

test.beforeAll(async ({ browser }) => {
	test.setTimeout(60_000);
	office = await startOfficeApp();
	specialist = await signedInPerson(browser, office, {
		email: 'a.beispiel@musterstadt.example.org',
		name: 'Anna Beispiel',
		office: 'de-musterstadt',
		specialist: SPECIALIST,
	});
});
test.afterAll(async () => {
	await specialist?.context.close();
	await office?.stop();
});

test('an absence takes the slots off the public form at once; a booking on it is marked, not cancelled', async () => {
	const { page } = specialist;
	const slots = await slotsOf();
	const [booked, elsewhere] = [
		slots[0]!,
		slots.find((s) => dayOfSlot(s) !== dayOfSlot(slots[0]!))!,
	];
	const id = randomUUID();
	const sent = await postBooking(office.app.url, b, id, booked);
	expect(sent.status).toBe(200);
	const reference = referenceIn(sent.html)!;

	// The menu leads to the specialist's page; the booking is listed without its description.
	await page.goto(`${office.url}/office/`);
	await page.getByRole('link', { name: 'Consultations' }).click();
	await page.getByRole('link', { name: 'Anna Beispiel' }).click();
	await expect(page).toHaveURL(new RegExp(`${page$}$`));
	const row = page.getByRole('row', { name: new RegExp(reference) });
	await expect(row).toContainText('By video');
	await expect(page.locator('main')).not.toContainText(b.fields['description']!.slice(0, 20));

	// The public form offers the other day's slot; after the absence it does not, without a rebuild.
	const form = await specialist.context.newPage();
	await form.goto(slotsUrl(office.url, b));
	await expect(form.locator(`input[value="${elsewhere}"]`)).toHaveCount(1);
	await page.locator('#from').fill(dayOfSlot(elsewhere));
	await page.locator('#to').fill(dayOfSlot(elsewhere));
	await page.getByRole('button', { name: 'Add absence' }).click();
	await expect(page.getByRole('status')).toContainText('The absence was added');
	await form.reload();
	await expect(form.locator(`input[value="${elsewhere}"]`)).toHaveCount(0);
	expect((await slotsOf()).filter((s) => dayOfSlot(s) === dayOfSlot(elsewhere))).toEqual([]);
	// A form opened before the absence cannot book it either.
	expect((await postBooking(office.app.url, b, randomUUID(), elsewhere)).status).toBe(409);
	// Another specialist's slots that day stay.
	expect((await freeSlotIds(office.app.url, b)).some((s) => s.startsWith('muster@'))).toBe(true);
	await form.close();

	// An absence over the booked day: the booking stays, marked for the specialist to cancel.
	await page.locator('#from').fill(dayOfSlot(booked));
	await page.locator('#to').fill(dayOfSlot(booked));
	await page.getByRole('button', { name: 'Add absence' }).click();
	await expect(row).toContainText('During an absence');
	await expect(page.locator('main')).toContainText('stay booked');
	expect(count("bookings WHERE status = 'booked'")).toBe(1);

	// Removed again: the booked day's other slots come back.
	const day = shown(dayOfSlot(booked));
	await page.getByRole('button', { name: `Remove absence ${day} – ${day}` }).click();
	await expect(page.getByRole('status')).toContainText('The absence was removed');
	await expect(row).not.toContainText('During an absence');
	expect(count('specialist_absences')).toBe(1);
});

test('cancelling from the workspace frees the slot and e-mails the professional', async () => {
	const { page } = specialist;
	await page.goto(`${office.url}${page$}`);
	const button = page.getByRole('button', { name: /^Cancel consultation / });
	await expect(button).toHaveCount(1);
	const reference = /Cancel consultation (\S+)/.exec((await button.textContent())!)![1]!;
	const slot = (await slotsOf())[0];
	const { id } = one<{ id: string }>("SELECT id FROM bookings WHERE status = 'booked'");
	await button.click();
	await expect(page.getByRole('status')).toContainText('The consultation was cancelled');
	await expect(page.getByRole('row', { name: new RegExp(reference) })).toHaveCount(0);

	const emails = await office.resend.waitFor((all) =>
		all.some((e) => e.idempotencyKey === `${id}:booking-cancel-professional`),
	);
	const notice = emails.find((e) => e.idempotencyKey === `${id}:booking-cancel-professional`)!;
	expect(notice.to).toEqual([b.fields['reporterEmail']]);
	expect(notice.subject).toContain(reference);
	// The slot is offered again: earlier than the first one offered while it was booked.
	const free = await slotsOf();
	expect(free.length).toBeGreaterThan(0);
	expect(parseSlotId(free[0]!)!.start).toBeLessThan(parseSlotId(slot!)!.start);
	expect(count("bookings WHERE status = 'booked'")).toBe(0);

	// Posted again (a double click): already cancelled, no second notice queued.
	const again = await page.request.post(`${office.url}${page$}`, {
		form: { intent: 'cancel', booking: id },
		headers: { Origin: office.url },
		maxRedirects: 0,
	});
	expect(again.status()).toBe(303);
	expect(again.headers()['location']).toContain('done=already');
	expect(
		count(`outbox WHERE submission_id = '${id}' AND kind = 'booking-cancel-professional'`),
	).toBe(1);

	const audit = auditRows(office.app.dataDir);
	expect(audit.map((r) => r.action)).toEqual([
		'absence-add',
		'absence-add',
		'absence-remove',
		'booking-cancel',
	]);
	expect(audit.at(-1)).toMatchObject({
		reference,
		detail: SPECIALIST,
		office_id: 'de-musterstadt',
	});
	expect(JSON.stringify(audit)).not.toContain(b.fields['reporterEmail']!);
});

test('the weekly hours set in the workspace replace content’s on the public form, and can be given back', async () => {
	const { page } = specialist;
	await page.goto(`${office.url}${page$}`);
	await page.getByRole('link', { name: 'Change the weekly availability' }).click();
	await expect(page.locator('#day-tue')).toHaveValue('09:00-12:00');
	for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
		await page.locator(`#day-${day}`).fill('');
	await page.locator('#day-sat').fill('10:00-11:30');
	await page.getByRole('button', { name: 'Save weekly availability' }).click();
	await expect(page.getByRole('status')).toContainText('Saved');
	const saturdays = await slotsOf();
	expect(saturdays.length).toBeGreaterThan(0);
	for (const slot of saturdays) {
		const start = new Date(parseSlotId(slot)!.start);
		expect(new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: ZONE }).format(start)).toBe(
			'Sat',
		);
		expect(
			new Intl.DateTimeFormat('en', {
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
				timeZone: ZONE,
			}).format(start),
		).toMatch(/^10:(00|45)$/);
	}

	await page.getByRole('button', { name: 'Use the office’s standard hours again' }).click();
	await expect(page.getByRole('status')).toContainText('standard hours apply again');
	expect((await slotsOf()).some((s) => !saturdays.includes(s))).toBe(true);
	expect(count('specialist_weeks')).toBe(0);
	expect(
		auditRows(office.app.dataDir)
			.slice(-2)
			.map((r) => r.action),
	).toEqual(['availability', 'availability-reset']);
});

test('bad input: 400 with the field’s error and the summary, nothing stored', async () => {
	const { page } = specialist;
	const before = {
		absences: count('specialist_absences'),
		weeks: count('specialist_weeks'),
		audit: count('office_audit'),
	};
	const slotsBefore = await slotsOf();

	await page.goto(`${office.url}${page$}`);
	await page.locator('#from').fill('2027-01-10');
	await page.locator('#to').fill('2027-01-09');
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Add absence' }).click(),
	]);
	expect(response.status()).toBe(400);
	await expect(page.locator('#to-error')).toContainText('must not be before the first day');
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('#to')).toHaveAttribute('aria-invalid', 'true');

	const post = (path: string, form: Record<string, string>) =>
		page.request.post(`${office.url}${path}`, {
			form,
			headers: { Origin: office.url },
			maxRedirects: 0,
		});
	expect(
		(await post(page$, { intent: 'add-absence', from: '2027-02-30', to: '2027-03-01' })).status(),
	).toBe(400);
	const week = await post(`${page$}availability/`, {
		intent: 'save',
		'day-mon': '09:00-12:00',
		'day-tue': 'soon',
	});
	expect(week.status()).toBe(400);
	expect(await week.text()).toContain('id="day-tue-error"');
	expect(
		(await post(`${page$}availability/`, { intent: 'save', 'day-wed': '14:00-14:30' })).status(),
	).toBe(400);
	// Removing or cancelling what is not there: not found, nothing changed.
	expect((await post(page$, { intent: 'remove-absence', absence: randomUUID() })).status()).toBe(
		404,
	);
	expect((await post(page$, { intent: 'cancel', booking: randomUUID() })).status()).toBe(404);
	// A post from another site is refused before the page.
	const foreign = await page.request.post(`${office.url}${page$}`, {
		form: { intent: 'add-absence', from: '2027-01-10', to: '2027-01-10' },
		headers: { Origin: 'https://attacker.example.com' },
		maxRedirects: 0,
	});
	expect(foreign.status()).toBe(403);

	expect({
		absences: count('specialist_absences'),
		weeks: count('specialist_weeks'),
		audit: count('office_audit'),
	}).toEqual(before);
	expect(await slotsOf()).toEqual(slotsBefore);
});

test('another office’s person, and a colleague who is not that specialist, get 404; the office admin manages every specialist', async ({
	browser,
}) => {
	const slot = (await slotsOf())[0]!;
	const id = randomUUID();
	expect((await postBooking(office.app.url, b, id, slot)).status).toBe(200);
	const people = [
		{
			email: 'admin@eksempelby.example.org',
			name: 'Anne Admin',
			office: 'dk-eksempelby',
			role: 'office-admin' as const,
			status: 404,
		},
		{
			email: 'colleague@musterstadt.example.org',
			name: 'Carl Colleague',
			office: 'de-musterstadt',
			status: 404,
		},
		{
			email: 'muster@musterstadt.example.org',
			name: 'Jonas Muster',
			office: 'de-musterstadt',
			specialist: 'muster',
			status: 404,
		},
		{
			email: 'admin@musterstadt.example.org',
			name: 'Maria Admin',
			office: 'de-musterstadt',
			role: 'office-admin' as const,
			status: 200,
		},
	];
	for (const { status, ...p } of people) {
		const person = await signedInPerson(browser, office, p);
		try {
			const { page } = person;
			for (const path of [page$, `${page$}availability/`]) {
				const response = await page.goto(`${office.url}${path}`);
				expect(response?.status(), `${p.email} ${path}`).toBe(status);
			}
			if (status === 404) {
				await expect(page.locator('main')).not.toContainText('Anna Beispiel');
				const post = (form: Record<string, string>) =>
					page.request.post(`${office.url}${page$}`, {
						form,
						headers: { Origin: office.url },
						maxRedirects: 0,
					});
				expect((await post({ intent: 'cancel', booking: id })).status()).toBe(404);
				expect(
					(await post({ intent: 'add-absence', from: '2027-01-10', to: '2027-01-10' })).status(),
				).toBe(404);
			}
		} finally {
			await person.context.close();
		}
	}
	expect(count(`bookings WHERE id = '${id}' AND status = 'booked'`)).toBe(1);
	expect(count('specialist_absences')).toBe(1);
});
