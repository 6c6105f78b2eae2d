/**
 * The spam guard never drops a person's concern or booking. A browser or password manager that
 * fills the hidden field, or a prepared text sent within the minimum fill time, gets the
 * question step instead of a confirmation; answered, the concern or booking is stored and
 * delivered exactly once – with and without JavaScript. And Chromium's own autofill of a saved
 * address and contact profile leaves the hidden field empty.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import {
	startApp,
	startAppWithResend,
	type AppServer,
	type AppWithResend,
} from '../fixtures/app-server.ts';
import { BOOKINGS, type BookingAnswers } from '../fixtures/booking-answers.ts';
import { BULGARIAN, DANISH, HUNGARIAN, type Answers } from '../fixtures/concern-answers.ts';
import { isStored, storedSubmissions } from '../fixtures/store-file.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { fillHoneypot, passHumanCheck } from './human-check.ts';
import { fillAllAtOnce, fillStepByStep, reachForm } from './notify-helpers.ts';

test.describe.configure({ mode: 'serial' });

/** What an autofill profile or a password manager puts into a field it should have left alone. */
const FILLED_IN = 'Ada Example';

/** A page with or without JavaScript, closed after the test. */
async function pageWith(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	return context.newPage();
}

/**
 * After "send": the question step, no confirmation and nothing stored yet; then the answer, the
 * confirmation with a reference that is in the store, one new submission, and its two e-mails
 * accepted by the provider exactly once each.
 */
async function questionThenDeliveredOnce(
	page: Page,
	setup: AppWithResend,
	before: number,
	kinds: [string, string],
) {
	await expect(page.locator('#human-check-title')).toBeVisible();
	await expect(page.locator('.reference')).toHaveCount(0);
	expect(storedSubmissions(setup.app.dataDir), 'nothing is stored before the answer').toBe(before);
	await passHumanCheck(page);
	const reference = (await page.locator('.reference strong').innerText()).trim();
	expect(reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	expect(isStored(setup.app.dataDir, reference), 'the confirmed reference is in the store').toBe(
		true,
	);
	expect(storedSubmissions(setup.app.dataDir)).toBe(before + 1);
	const emails = (
		await setup.resend.waitFor(
			(all) => all.filter((e) => e.subject.includes(reference)).length === 2,
		)
	).filter((e) => e.subject.includes(reference));
	expect(emails.map((e) => e.idempotencyKey!.split(':')[1]).sort()).toEqual([...kinds].sort());
	for (const email of emails)
		expect(setup.resend.acceptedSends.get(email.idempotencyKey!), email.idempotencyKey).toBe(1);
}

const CONCERN_MAILS: [string, string] = ['concern-office', 'concern-receipt'];
const BOOKING_MAILS: [string, string] = ['booking-professional', 'booking-specialist'];

/** The concern flow up to "send"; `beforeSend` runs on each page where the person could still fill something in. */
async function sendConcern(
	page: Page,
	base: string,
	answers: Answers,
	javaScript: boolean,
	beforeSend: (page: Page) => Promise<void>,
) {
	await reachForm(page, base, answers);
	if (javaScript) {
		await fillStepByStep(page, answers);
	} else {
		await fillAllAtOnce(page, answers);
		await beforeSend(page);
		await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
		await expect(page.locator('#section-review-title')).toBeVisible();
	}
	await beforeSend(page);
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
}

/** The booking flow up to "send": the hidden field can only be filled on the form page (the review page has no fields). */
async function sendBooking(
	page: Page,
	base: string,
	b: BookingAnswers,
	beforeSend: (page: Page) => Promise<void>,
) {
	await reachSlots(page, base, b);
	await chooseSlot(page);
	await fillAboutYou(page, b);
	await beforeSend(page);
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeVisible();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
}

test.describe('every field filled in, the hidden one too', () => {
	let setup: AppWithResend;
	test.beforeAll(async () => {
		setup = await startAppWithResend();
	});
	test.afterAll(() => setup?.stop());

	const fill = (page: Page) => fillHoneypot(page, FILLED_IN);

	for (const [javaScript, answers] of [
		[true, DANISH],
		[false, HUNGARIAN],
	] as const) {
		test(`concern ${javaScript ? 'with' : 'without'} JavaScript: the question step, then delivered exactly once`, async ({
			browser,
		}) => {
			const page = await pageWith(browser, javaScript);
			const before = storedSubmissions(setup.app.dataDir);
			await sendConcern(page, setup.app.url, answers, javaScript, fill);
			await questionThenDeliveredOnce(page, setup, before, CONCERN_MAILS);
			expect(setup.app.output()).toContain('notify: question step for a suspect form (honeypot)');
			expect(setup.app.output(), 'no form value in the log').not.toContain(FILLED_IN);
			await page.context().close();
		});
	}

	for (const [javaScript, b] of [
		[true, BOOKINGS.de],
		[false, BOOKINGS.bg],
	] as const) {
		test(`booking ${javaScript ? 'with' : 'without'} JavaScript: the question step, then booked and delivered exactly once`, async ({
			browser,
		}) => {
			const page = await pageWith(browser, javaScript);
			const before = storedSubmissions(setup.app.dataDir);
			await sendBooking(page, setup.app.url, b, fill);
			await questionThenDeliveredOnce(page, setup, before, BOOKING_MAILS);
			await page.context().close();
		});
	}
});

test.describe('sent within the minimum fill time (a prepared text pasted in)', () => {
	let setup: AppWithResend;
	test.beforeAll(async () => {
		// Every test here sends long before ten minutes are up: each send is "too fast".
		setup = await startAppWithResend({ SPAM_MIN_FILL_SECONDS: '600' });
	});
	test.afterAll(() => setup?.stop());

	const nothing = async () => {};

	for (const [javaScript, answers] of [
		[true, BULGARIAN],
		[false, DANISH],
	] as const) {
		test(`concern ${javaScript ? 'with' : 'without'} JavaScript: the question step, then delivered exactly once`, async ({
			browser,
		}) => {
			const page = await pageWith(browser, javaScript);
			const before = storedSubmissions(setup.app.dataDir);
			await sendConcern(page, setup.app.url, answers, javaScript, nothing);
			await questionThenDeliveredOnce(page, setup, before, CONCERN_MAILS);
			await page.context().close();
		});
	}

	for (const [javaScript, b] of [
		[true, BOOKINGS.hu],
		[false, BOOKINGS.en],
	] as const) {
		test(`booking ${javaScript ? 'with' : 'without'} JavaScript: the question step, then booked and delivered exactly once`, async ({
			browser,
		}) => {
			const page = await pageWith(browser, javaScript);
			const before = storedSubmissions(setup.app.dataDir);
			await sendBooking(page, setup.app.url, b, nothing);
			await questionThenDeliveredOnce(page, setup, before, BOOKING_MAILS);
			await page.context().close();
		});
	}
});

test.describe("Chromium's autofill of a saved address and contact profile", () => {
	let app: AppServer;
	test.beforeAll(async () => {
		app = await startApp();
	});
	test.afterAll(() => app?.kill());

	/** A profile with every kind of value the forms ask about the professional. */
	const PROFILE = Object.entries({
		NAME_FULL: FILLED_IN,
		NAME_FIRST: 'Ada',
		NAME_LAST: 'Example',
		EMAIL_ADDRESS: 'ada@example.org',
		PHONE_HOME_WHOLE_NUMBER: '+4930123456',
		COMPANY_NAME: 'Example School',
		ADDRESS_HOME_STREET_ADDRESS: 'Example Street 1',
		ADDRESS_HOME_LINE1: 'Example Street 1',
		ADDRESS_HOME_CITY: 'Musterstadt',
		ADDRESS_HOME_ZIP: '00000',
		ADDRESS_HOME_COUNTRY: 'DE',
	}).map(([name, value]) => ({ name, value }));

	/**
	 * Lets Chromium fill the form from the profile, starting at the name field (as when the person
	 * picks the profile there), through the DevTools protocol's `Autofill.trigger`: the browser's
	 * own field classification and filling, without its pop-up. Returns the names of the fields
	 * Chromium reports as filled.
	 */
	async function autofill(page: Page): Promise<string[]> {
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Autofill.enable');
		const filled = new Promise<string[]>((resolve) =>
			cdp.on('Autofill.addressFormFilled', (event) =>
				resolve(event.filledFields.filter((f) => f.value !== '').map((f) => f.name)),
			),
		);
		const { root } = await cdp.send('DOM.getDocument');
		const { nodeId } = await cdp.send('DOM.querySelector', {
			nodeId: root.nodeId,
			selector: '#reporterName',
		});
		const { node } = await cdp.send('DOM.describeNode', { nodeId });
		await cdp.send('Autofill.trigger', {
			fieldId: node.backendNodeId,
			address: { fields: PROFILE },
		});
		return filled;
	}

	/**
	 * A control beside the honeypot: an off-screen field as the honeypot was before (not inert, a
	 * name autofill knows) must be filled, or the test would prove nothing.
	 */
	async function addControl(page: Page) {
		await page.locator('.honeypot').evaluate((trap) => {
			const control = document.createElement('div');
			control.className = 'honeypot';
			const label = control.appendChild(document.createElement('label'));
			label.htmlFor = 'control-email';
			label.textContent = 'E-mail';
			const input = control.appendChild(document.createElement('input'));
			Object.assign(input, {
				type: 'text',
				id: 'control-email',
				name: 'email',
				tabIndex: -1,
				autocomplete: 'off',
			});
			trap.after(control);
		});
	}

	async function expectHoneypotLeftAlone(page: Page) {
		await addControl(page);
		// Chromium classifies a form's fields after it has seen them for a moment: on a busy machine the
		// first fill can come before the added control is classified. Fill again until it is (at most 3 times).
		let filled = await autofill(page);
		for (let attempt = 1; attempt < 3 && !filled.includes('email'); attempt++)
			filled = [...filled, ...(await autofill(page))];
		expect(filled).toContain('reporterName');
		// Without the control filled this run proves nothing either way (Chromium's classification of the
		// added field sometimes lags on a crowded machine): say so instead of passing or failing.
		test.skip(
			!filled.includes('email'),
			'autofill did not fill the control field this time: inconclusive',
		);
		await expect(page.locator('#control-email')).not.toHaveValue('');
		expect(filled).not.toContain(CONTROL_FIELDS.honeypot);
		await expect(page.locator(`#${CONTROL_FIELDS.honeypot}`)).toHaveValue('');
		await expect(page.locator('#reporterName')).toHaveValue(FILLED_IN);
	}

	test('the concern form (every field on one page, without JavaScript): the hidden field stays empty', async ({
		browser,
	}) => {
		const page = await pageWith(browser, false);
		await reachForm(page, app.url, DANISH);
		await expectHoneypotLeftAlone(page);
		await page.context().close();
	});

	test('the booking form (with JavaScript): the hidden field stays empty', async ({ page }) => {
		await reachSlots(page, app.url, BOOKINGS.da);
		await chooseSlot(page);
		// The island renders the form anew when it hydrates: the control must be added after that.
		await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
		await expectHoneypotLeftAlone(page);
	});
});
