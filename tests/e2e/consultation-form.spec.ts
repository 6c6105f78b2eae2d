/**
 * The booking flow as a visitor meets it, in every locale: every step, the error states, the
 * personal-data warning, the confirmation and the cancel pages pass axe (WCAG 2.2 AA), with the
 * island and without it; errors are summarised and focused; times say their time zone.
 */
import { passHumanCheck } from './human-check.ts';
import { expect, test, type Page } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { readYaml } from '../unit/content-files.ts';

const ui = (locale: string) => readYaml(`ui/${locale}.yaml`) as Record<string, string>;

/**
 * Without JavaScript, one test per step (or a few steps reached the same way), so each stays
 * short: a test walks to its step without checking the steps before, which have tests of their
 * own. As in the concern form's tests, the island's code is blocked, so the page works as without
 * JavaScript (plain forms, server-rendered steps) while axe can still run.
 */
for (const locale of LOCALES) {
	const b = BOOKINGS[locale];

	test.describe(`${locale} without JavaScript`, () => {
		test.beforeEach(async ({ context }) => {
			await context.route('**/_astro/**', (route) => route.abort());
		});

		/** Through the free times to "about you", at a slot no other test books. */
		const toAboutYou = async (page: Page) => {
			await reachSlots(page, '', b);
			await chooseSlot(page, 'second');
		};

		test('the first steps pass axe: which office, an area not served, the way of talking', async ({
			page,
		}) => {
			const first = await page.goto(`/${locale}/consultation/`);
			expect(first!.headers()['cache-control']).toBe('no-store');
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectNoAxeViolations(page, 'which office');

			await page.goto(`/${locale}/consultation/?country=${b.country}&area=99999`);
			await expect(page.locator('.panel[role="status"]')).toBeVisible();
			await expectNoAxeViolations(page, 'area not served');

			await page.goto(
				`/${locale}/consultation/?country=${b.country}&area=${encodeURIComponent(b.area)}`,
			);
			await expect(page.locator(`#mode-${b.mode}`)).toBeVisible();
			await expectNoAxeViolations(page, 'office and way of talking');
		});

		test('the free times and "about you" pass axe; times say their time zone', async ({ page }) => {
			await reachSlots(page, '', b);
			await expect(page.locator('.slot-picker .hint').first()).toContainText('Europe/');
			await expectNoAxeViolations(page, 'free times');
			await chooseSlot(page, 'second');
			await expectNoAxeViolations(page, 'about you');
		});

		test('the error state and the personal-data warning pass axe; errors are summarised and focused', async ({
			page,
		}) => {
			await toAboutYou(page);
			// Nothing filled in: the server answers 400 with a focused summary linking to each field.
			const [invalid] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click(),
			]);
			expect(invalid.status()).toBe(400);
			await expect(page.locator('.error-summary')).toBeFocused();
			await expect(page.locator('.error-summary a[href="#reporterEmail"]')).toBeVisible();
			await expect(page.locator('#reporterEmail')).toHaveAttribute('aria-invalid', 'true');
			await expectNoAxeViolations(page, 'error state');

			// A description with an e-mail address in it: the server's check warns and asks to confirm.
			await fillAboutYou(page, {
				...b,
				fields: { ...b.fields, description: `${b.fields['description']} mail@example.org` },
			});
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#personal-data-warning')).toBeVisible();
			await expect(page.locator('#personalDataConfirmed-error')).toBeVisible();
			await expectNoAxeViolations(page, 'personal-data warning');
			await page.locator('#description').fill(b.fields['description']!);
			await page.locator('#personalDataConfirmed').check();
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#section-review-title')).toBeVisible();
		});

		test('"check your booking" and the question step pass axe', async ({ page }) => {
			await toAboutYou(page);
			await fillAboutYou(page, b);
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#section-review-title')).toBeVisible();
			await expectNoAxeViolations(page, 'check your booking');
			await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
			await expect(page.locator('#human-check-title')).toBeVisible();
			await expectNoAxeViolations(page, 'question step');
		});

		test('a booking is made and cancelled: the confirmation and the cancel pages pass axe', async ({
			page,
		}) => {
			await reachSlots(page, '', b);
			// English and German book at the same demo office while running side by side.
			await chooseSlot(page, locale === 'en' ? 'last' : 'first');
			await fillAboutYou(page, b);
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#section-review-title')).toBeVisible();
			await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
			await passHumanCheck(page);
			await expect(page.locator('.reference strong')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			await expect(page.locator('.booking-summary')).toContainText('Europe/');
			await expectNoAxeViolations(page, 'confirmation');

			await page.locator('a[href*="/consultation/cancel/"]').click();
			await expectNoAxeViolations(page, 'cancel: question');
			await page.locator('form button[type="submit"]').click();
			await expect(page.locator('.panel[role="status"]')).toBeVisible();
			await expectNoAxeViolations(page, 'cancel: done');
		});

		test('a forged cancel link gets a clear error page that passes axe', async ({ page }) => {
			await page.goto(`/${locale}/consultation/cancel/?token=forged.link`);
			await expect(page.locator('.panel--danger[role="alert"]')).toBeVisible();
			await expectNoAxeViolations(page, 'cancel: invalid link');
		});
	});
}

test('with JavaScript: the warning appears and goes as the text changes, and the island passes axe', async ({
	page,
}) => {
	const b = BOOKINGS.de;
	await reachSlots(page, '', b);
	await chooseSlot(page, 'second');
	await fillAboutYou(page, b);
	const warning = page.locator('#personal-data-warning');
	await expect(warning).toBeHidden();
	await page.locator('#description').fill('Das Kind heißt Lena und wohnt in der Musterstraße 12.');
	await expect(warning).toBeVisible();
	await expect(warning.locator('li')).toHaveCount(2);
	await expectNoAxeViolations(page, 'warning (island)');
	await page.locator('#description').fill(b.fields['description']!);
	await expect(warning).toBeHidden();
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeFocused();
	// Back to the form from the check page: the answers are kept.
	await page.locator(`button[name="${CONTROL_FIELDS.change}"]`).click();
	await expect(page.locator('#reporterName')).toHaveValue(b.fields['reporterName']!);
});

test('with JavaScript: the island checks "about you" with the server\'s schema before sending; the summary takes focus and announces from a child', async ({
	page,
}) => {
	const b = BOOKINGS.en;
	await reachSlots(page, '', b);
	await chooseSlot(page, 'second');
	const posts: string[] = [];
	page.on('request', (r) => {
		if (r.method() === 'POST') posts.push(r.url());
	});
	await fillAboutYou(page, {
		...b,
		fields: { ...b.fields, reporterEmail: 'not an address', reporterPhone: '' },
	});
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	// GOV.UK Frontend: the focused box is no live region; its child is (no race between the two announcements).
	await expect(summary).not.toHaveAttribute('role');
	await expect(summary.locator('> [role="alert"]')).toContainText(ui('en')['error.summary']!);
	await expect(summary.locator('a')).toHaveText([
		`${ui('en')['notify.reporterEmail.label']} – ${ui('en')['error.email']}`,
		`${ui('en')['notify.reporterPhone.label']} – ${ui('en')['error.required']}`,
	]);
	await expect(page.locator('#reporterEmail')).toHaveAttribute('aria-invalid', 'true');
	await expectNoAxeViolations(page, 'errors found in the browser');
	expect(posts).toEqual([]);

	// A text that looks like personal data needs the confirmation, as on the server.
	await page.locator('#reporterEmail').fill(b.fields['reporterEmail']!);
	await page.locator('#reporterPhone').fill(b.fields['reporterPhone']!);
	await page.locator('#description').fill('Please write to mail@example.org');
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(summary.locator('a[href="#personalDataConfirmed"]')).toBeVisible();
	await expect(summary).toBeFocused();
	expect(posts).toEqual([]);
	await page.locator('#personalDataConfirmed').check();
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeFocused();
	expect(posts).toHaveLength(1);
});
