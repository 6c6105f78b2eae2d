/**
 * Data at rest and in logs: a marker in every field a person types, sent through every flow
 * (a concern with and without JavaScript, a booking, its cancellation), must reach the e-mails
 * and appear nowhere else – not in any line the server printed, not in the database file or
 * its write-ahead log in clear text, not in any other file in the data folder.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startAppWithResend } from '../fixtures/app-server.ts';
import { BOOKINGS, freeSlotIds, linksIn, postBooking } from '../fixtures/booking-answers.ts';
import { HUNGARIAN, postConcern, referenceIn, type Answers } from '../fixtures/concern-answers.ts';
import { storeBytes } from '../fixtures/store-file.ts';
import { fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const MARK = 'Zq7marker';
const marked = (field: string) => `${MARK}-${field}-æøå`;

/**
 * Every typed field of a concern carries the marker (e-mail and phone in their own forms). To an
 * office that takes the full concern by e-mail (`deliverFullConcernByEmail`), so the marker has
 * to reach the e-mails and the checks below cannot pass by finding nothing anywhere.
 */
const CONCERN: Answers = {
	...HUNGARIAN,
	fields: {
		...HUNGARIAN.fields,
		...Object.fromEntries(
			[
				'childName',
				'childAddress',
				'childLanguages',
				'observation',
				'observedWhen',
				'childWords',
				'actionsTaken',
				'notToldDetails',
				'reporterName',
				'reporterRole',
				'reporterOrganisation',
				'reporterAddress',
			].map((f) => [f, marked(f)]),
		),
		reporterEmail: `${MARK.toLowerCase()}.concern@example.com`,
		reporterPhone: '+45 47 11 08 15',
	},
};
const PHONE_DIGITS = ['47 11 08 15', '47110815'];

function filesBelow(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesBelow(path) : [path];
	});
}

test('a marker in every field reaches the e-mails, and never a log line, the database or any other stored file', async ({
	page,
}) => {
	const { app, resend, stop } = await startAppWithResend();
	try {
		// A concern posted as the form without JavaScript would be, and one typed with JavaScript.
		const posted = await postConcern(app.url, CONCERN, randomUUID());
		expect(referenceIn(posted.html)).toBeDefined();
		await reachForm(page, app.url, CONCERN);
		await fillStepByStep(page, CONCERN);
		await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
		await expect(page.locator('.reference strong')).toBeVisible();

		// A booking with the marker in every field, then cancelled.
		const b = {
			...BOOKINGS.da,
			fields: {
				reporterName: marked('bookingName'),
				reporterRole: marked('bookingRole'),
				reporterOrganisation: marked('bookingOrg'),
				reporterEmail: `${MARK.toLowerCase()}.booking@example.com`,
				reporterPhone: '+45 47 11 08 16',
				description: `${marked('description')} – a girl of 5 at daycare`,
			},
		};
		const [slot] = await freeSlotIds(app.url, b);
		const booked = await postBooking(app.url, b, randomUUID(), slot!);
		expect(referenceIn(booked.html)).toBeDefined();
		const cancel = await fetch(new URL(linksIn(booked.html)!.cancel, app.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
			body: new URLSearchParams({
				token: new URL(linksIn(booked.html)!.cancel, app.url).searchParams.get('token')!,
			}),
		});
		expect(cancel.status).toBe(200);

		// Everything delivered: 2 concerns × 2, the booking's 2 and the cancel notices to the specialist and the professional.
		await resend.waitFor((all) => all.length === 8, 30_000);
		const mailText = resend.emails.map((e) => e.text).join('\n');
		expect(mailText.split(MARK).length - 1, 'the marker reaches the e-mails').toBeGreaterThan(20);

		const log = app.output();
		expect(log.length).toBeGreaterThan(0);
		expect(log, 'no form value in any log line').not.toContain(MARK);
		expect(log.toLowerCase()).not.toContain(MARK.toLowerCase());
		for (const digits of PHONE_DIGITS) expect(log).not.toContain(digits);

		const database = storeBytes(app.dataDir);
		expect(database.length).toBeGreaterThan(4096);
		for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
			expect(
				database.includes(Buffer.from(MARK, encoding)),
				`marker in the database (${encoding})`,
			).toBe(false);
			expect(
				database.includes(Buffer.from(MARK.toLowerCase(), encoding)),
				`e-mail address in the database (${encoding})`,
			).toBe(false);
		}
		for (const digits of PHONE_DIGITS) expect(database.includes(Buffer.from(digits))).toBe(false);
		for (const file of filesBelow(app.dataDir)) {
			expect(readFileSync(file).includes(Buffer.from(MARK)), file).toBe(false);
		}
		console.info(
			`data protection: ${resend.emails.length} e-mails carry the marker ${mailText.split(MARK).length - 1} times; 0 times in ${log.split('\n').length} log lines, ${database.length} bytes of database and WAL, ${filesBelow(app.dataDir).length} files in the data folder`,
		);
	} finally {
		await stop();
	}
});
