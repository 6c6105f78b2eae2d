/**
 * Every office workspace page in every locale has zero axe violations (WCAG 2.2 AA) and valid
 * HTML (the rules of `npm run test:html`), in each of its states (signed out, forms with errors, a new and an acknowledged concern, one with its feedback sent,
 * a specialist's consultations with a booking on a day off, 403 and 404), and
 * the whole path – inbox, concern, acknowledge, status, feedback – works with the keyboard alone.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { BOOKINGS, freeSlotIds, postBooking } from '../fixtures/booking-answers.ts';
import { DANISH, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import { dayOf } from '../../src/lib/specialist-availability.ts';
import { parseSlotId } from '../../src/lib/slots.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { expectNoAxeViolations } from './axe.ts';
import {
	addPerson,
	passkeyContext,
	signedInPerson,
	startOfficeApp,
	type OfficeApp,
} from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

/** The rules `npm run test:html` applies to the built pages, for the pages rendered on demand. */
const validator = new HtmlValidate(new FileSystemConfigLoader());
async function expectValidHtml(html: string, label: string) {
	const report = await validator.validateString(html, `${process.cwd()}/office.html`);
	expect(
		report.results.flatMap((r) =>
			r.messages.map((m) => `${label}: ${m.ruleId} ${m.message} (line ${m.line})`),
		),
	).toEqual([]);
}

let office: OfficeApp;
const SPECIALIST = '/office/specialists/dk-eksempelby/eksempel/';
let admin: { context: BrowserContext; page: Page };
const references: string[] = [];

test.beforeAll(async ({ browser }) => {
	// A server, three concerns and a passkey enrolment: on two shared, busy cores it may take more than a test's 30 s.
	test.setTimeout(60_000);
	office = await startOfficeApp();
	for (const urgency of ['today', 'not-urgent', 'this-week', 'this-week']) {
		const sent = await postConcern(
			office.app.url,
			{ ...DANISH, fields: { ...DANISH.fields, urgency } },
			randomUUID(),
		);
		references.push(referenceIn(sent.html)!);
	}
	admin = await signedInPerson(browser, office, {
		email: 'admin@eksempelby.example.org',
		name: 'Anne Admin',
		office: 'dk-eksempelby',
		role: 'office-admin',
	});
	// One acknowledged, so its page shows the status and feedback forms; one with its feedback sent.
	// A specialist's page in its fullest state: a booking on a day off, an absence that can be
	// removed, weekly hours of the workspace's own (the admin manages every specialist of the office).
	const [slot] = await freeSlotIds(office.app.url, BOOKINGS.da);
	expect((await postBooking(office.app.url, BOOKINGS.da, randomUUID(), slot!)).status).toBe(200);
	const day = dayOf(parseSlotId(slot!)!.start, 'Europe/Copenhagen');
	const posted = [
		[`/office/concerns/${references[2]}/`, { intent: 'acknowledge' }],
		[`/office/concerns/${references[3]}/`, { intent: 'acknowledge' }],
		[
			`/office/concerns/${references[3]}/`,
			{ intent: 'feedback', feedback: 'investigation-started' },
		],
		[SPECIALIST, { intent: 'add-absence', from: day, to: day }],
		[
			`${SPECIALIST}availability/`,
			{ intent: 'save', 'day-mon': '10:00-12:00', 'day-thu': '13:00-16:00' },
		],
	] as const;
	for (const [path, form] of posted) {
		const answer = await admin.page.request.post(`${office.url}${path}`, {
			form,
			headers: { Origin: office.url },
			maxRedirects: 0,
		});
		expect(answer.status(), path).toBe(303);
	}
});
test.afterAll(async () => {
	await admin?.context.close();
	await office?.stop();
});

/**
 * The admin's page in `locale` (the account's language), and a visit that checks a page's
 * status, language, axe and HTML. The walk through the signed-in pages is split in three tests
 * per locale, so none comes near the timeout on a busy machine.
 */
async function signedIn(locale: string) {
	const { page } = admin;
	const answer = await page.request.post(`${office.url}/office/account/`, {
		form: { locale },
		headers: { Origin: office.url },
		maxRedirects: 0,
	});
	expect(answer.status()).toBe(303);
	const visit = async (path: string, label: string, status = 200) => {
		const response = await page.goto(`${office.url}${path}`);
		expect(response?.status(), label).toBe(status);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expectNoAxeViolations(page, `${locale} ${label}`);
		await expectValidHtml(await response!.text(), `${locale} ${label}`);
	};
	return { page, visit };
}

for (const locale of LOCALES) {
	test(`office pages in ${locale}, signed in: the inbox, a concern, the audit log, people and the account pass axe, the HTML is valid`, async () => {
		const { page, visit } = await signedIn(locale);
		await visit('/office/', 'inbox');
		await visit(`/office/concerns/${references[0]}/`, 'a new concern');
		await visit('/office/audit/', 'audit log');
		await visit('/office/people/', 'people');
		await page.locator('#email').fill('not an address');
		await page.locator('#email').press('Enter');
		await expect(page.locator('#email-error')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} people with an error`);
		await visit('/office/account/', 'account');
		await visit('/office/passkey/', 'add a passkey');
		await visit('/office/concerns/0000-0000/', 'not found', 404);
	});

	test(`office pages in ${locale}, signed in: the consultations, a specialist and the weekly hours pass axe, the HTML is valid`, async () => {
		const { page, visit } = await signedIn(locale);
		await visit('/office/specialists/', 'consultations');
		await visit(SPECIALIST, 'a specialist');
		await expect(page.locator('td.urgent')).toHaveCount(1);
		await page.locator('#from').fill('2020-01-01');
		await page.locator('#to').fill('nonsense');
		await page.locator('#to').press('Enter');
		await expect(page.locator('#to-error')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} absence with errors`);
		await visit(`${SPECIALIST}availability/`, 'weekly hours');
		await page.locator('#day-tue').fill('12:00-09:00');
		await page.locator('#day-tue').press('Enter');
		await expect(page.locator('#day-tue-error')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} weekly hours with an error`);
		await visit('/office/specialists/dk-eksempelby/modtagelse/', 'no such specialist', 404);
	});

	test(`office pages in ${locale}, signed in: a concern's status and feedback forms and the account's errors pass axe, the HTML is valid`, async () => {
		const { page, visit } = await signedIn(locale);
		await visit(`/office/concerns/${references[2]}/`, 'an acknowledged concern');
		await page.evaluate(() =>
			document
				.querySelectorAll<HTMLInputElement>('input[name="status"]')
				.forEach((i) => (i.value = 'xx')),
		);
		await page.locator('main form:has([name="status"]) button[type="submit"]').click();
		await expect(page.locator('#status-error')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} status with an error`);
		// Feedback sent without a choice: the error summary and the field's error.
		await page.locator('main form:has([name="feedback"]) button[type="submit"]').click();
		await expect(page.locator('#feedback-error')).toBeVisible();
		await expect(page.locator('.error-summary')).toBeFocused();
		await expectNoAxeViolations(page, `${locale} feedback with an error`);
		await visit(`/office/concerns/${references[3]}/`, 'a concern with its feedback sent');

		// A form refused: the account's language (the error summary and the field's error).
		await page.goto(`${office.url}/office/account/`);
		await page.evaluate(() =>
			document
				.querySelectorAll<HTMLInputElement>('input[name="locale"]')
				.forEach((i) => (i.value = 'xx')),
		);
		await page.locator('main form').first().locator('button').click();
		await expect(page.locator('#locale-error')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} account with an error`);
	});

	test(`office pages in ${locale}, signed out: axe finds nothing, the HTML is valid`, async ({
		browser,
	}) => {
		// In the language asked for: sign-in, its error, the link page, and 403.
		const { context: outsider, page: guest } = await passkeyContext(browser);
		try {
			for (const [path, label, status] of [
				[`/office/sign-in/?lang=${locale}`, 'sign-in', 200],
				[`/office/link/?token=${'a'.repeat(43)}&lang=${locale}`, 'link', 200],
				[`/office/?lang=${locale}`, 'sign-in needed', 403],
			] as const) {
				const response = await guest.goto(`${office.url}${path}`);
				expect(response?.status(), label).toBe(status);
				await expect(guest.locator('html')).toHaveAttribute('lang', locale);
				await expectNoAxeViolations(guest, `${locale} ${label}`);
				await expectValidHtml(await response!.text(), `${locale} ${label}`);
			}
			await guest.goto(`${office.url}/office/sign-in/?lang=${locale}`);
			await guest.locator('#email').fill('not an address');
			await guest.locator('#email').press('Enter');
			await expect(guest.locator('#email-error')).toBeVisible();
			await expect(guest.locator('.error-summary')).toBeFocused();
			await expectNoAxeViolations(guest, `${locale} sign-in with an error`);
		} finally {
			await outsider.close();
		}
	});
}

test('keyboard only: from the inbox to a concern, acknowledge it, set its status, send feedback', async ({
	browser,
}) => {
	const link = await addPerson(office, {
		email: 'keys@eksempelby.example.org',
		name: 'Kim Keys',
		office: 'dk-eksempelby',
		locale: 'en',
	});
	const { context, page } = await passkeyContext(browser);
	/** Tabs forward until `target` has the focus (at most 15 stops), as a keyboard user would. */
	const tabTo = async (target: Locator) => {
		for (let i = 0; i < 15 && !(await target.evaluate((el) => el === document.activeElement)); i++)
			await page.keyboard.press('Tab');
		await expect(target).toBeFocused();
	};
	try {
		await page.goto(link);
		await tabTo(page.getByRole('button', { name: 'Continue' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/office\/passkey\/$/);
		await tabTo(page.getByRole('button', { name: 'Create a passkey' }));
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/office\/$/);

		// The skip link first, then on through the menu and sign-out to the concerns.
		await page.keyboard.press('Tab');
		await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
		await tabTo(page.getByRole('link', { name: references[1]! }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { level: 1 })).toContainText(references[1]!);

		await tabTo(page.getByRole('button', { name: 'Acknowledge receipt' }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toContainText('Acknowledged');

		await tabTo(page.getByLabel('In assessment'));
		await page.keyboard.press('Space');
		await expect(page.getByLabel('In assessment')).toBeChecked();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Save status' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toContainText('Status saved');

		// Feedback: Tab into the choices (the first one takes the focus), Space, Tab to the button.
		const choice = page.locator('input[name="feedback"]').first();
		await tabTo(choice);
		await page.keyboard.press('Space');
		await expect(choice).toBeChecked();
		await page.keyboard.press('Tab');
		await expect(page.getByRole('button', { name: 'Send feedback' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toContainText('Feedback sent.');
	} finally {
		await context.close();
	}
});
