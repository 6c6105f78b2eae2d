/**
 * The booking flow as a visitor meets it, in every locale: every step, the error states, the
 * personal-data warning, the confirmation and the cancel pages pass axe (WCAG 2.2 AA), with the
 * island and without it; errors are summarised and focused; times say their time zone.
 */
import { passHumanCheck } from './human-check.ts';
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';

for (const locale of LOCALES) {
	const b = BOOKINGS[locale];

	test(`${locale}: every step without JavaScript passes axe, and a booking is made and cancelled`, async ({ browser }) => {
		// As in the concern form's test: the island's code is blocked, so the page works as without
		// JavaScript (plain forms, server-rendered steps) while axe can still run.
		const context = await browser.newContext();
		await context.route('**/_astro/**', (route) => route.abort());
		const page = await context.newPage();

		const first = await page.goto(`/${locale}/consultation/`);
		expect(first!.headers()['cache-control']).toBe('no-store');
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expectNoAxeViolations(page, 'which office');

		await page.goto(`/${locale}/consultation/?country=${b.country}&area=99999`);
		await expect(page.locator('.panel[role="status"]')).toBeVisible();
		await expectNoAxeViolations(page, 'area not served');

		await page.goto(`/${locale}/consultation/?country=${b.country}&area=${encodeURIComponent(b.area)}`);
		await expect(page.locator(`#mode-${b.mode}`)).toBeVisible();
		await expectNoAxeViolations(page, 'office and way of talking');

		await reachSlots(page, '', b);
		await expect(page.locator('.slot-picker .hint').first()).toContainText('Europe/');
		await expectNoAxeViolations(page, 'free times');
		// English and German book at the same demo office while running side by side.
		await chooseSlot(page, locale === 'en' ? 'last' : 'first');
		await expectNoAxeViolations(page, 'about you');

		// Nothing filled in: the server answers 400 with a focused summary linking to each field.
		const [invalid] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.locator('button[name="_review"]').click()]);
		expect(invalid.status()).toBe(400);
		await expect(page.locator('.error-summary')).toBeFocused();
		await expect(page.locator('.error-summary a[href="#reporterEmail"]')).toBeVisible();
		await expect(page.locator('#reporterEmail')).toHaveAttribute('aria-invalid', 'true');
		await expectNoAxeViolations(page, 'error state');

		// A description with an e-mail address in it: the server's check warns and asks to confirm.
		await fillAboutYou(page, { ...b, fields: { ...b.fields, description: `${b.fields['description']} mail@example.org` } });
		await page.locator('button[name="_review"]').click();
		await expect(page.locator('#personal-data-warning')).toBeVisible();
		await expect(page.locator('#personalDataConfirmed-error')).toBeVisible();
		await expectNoAxeViolations(page, 'personal-data warning');
		await page.locator('#description').fill(b.fields['description']!);
		await page.locator('#personalDataConfirmed').check();

		await page.locator('button[name="_review"]').click();
		await expect(page.locator('#section-review-title')).toBeVisible();
		await expectNoAxeViolations(page, 'check your booking');
		await page.locator('button[name="_confirm"]').click();
		await expectNoAxeViolations(page, 'question step');
		await passHumanCheck(page);
		await expect(page.locator('.reference strong')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		await expect(page.locator('.booking-summary')).toContainText('Europe/');
		await expectNoAxeViolations(page, 'confirmation');

		await page.locator('a[href*="/consultation/cancel/"]').click();
		await expectNoAxeViolations(page, 'cancel: question');
		await page.locator('form button[type="submit"]').click();
		await expect(page.locator('.panel[role="status"]')).toBeVisible();
		await expectNoAxeViolations(page, 'cancel: done');
		await page.goto(`/${locale}/consultation/cancel/?token=forged.link`);
		await expect(page.locator('.panel--danger[role="alert"]')).toBeVisible();
		await expectNoAxeViolations(page, 'cancel: invalid link');
		await context.close();
	});
}

test('with JavaScript: the warning appears and goes as the text changes, and the island passes axe', async ({ page }) => {
	const b = BOOKINGS.de;
	await reachSlots(page, '', b);
	await chooseSlot(page);
	await fillAboutYou(page, b);
	const warning = page.locator('#personal-data-warning');
	await expect(warning).toBeHidden();
	await page.locator('#description').fill('Das Kind heißt Lena und wohnt in der Musterstraße 12.');
	await expect(warning).toBeVisible();
	await expect(warning.locator('li')).toHaveCount(2);
	await expectNoAxeViolations(page, 'warning (island)');
	await page.locator('#description').fill(b.fields['description']!);
	await expect(warning).toBeHidden();
	await page.locator('button[name="_review"]').click();
	await expect(page.locator('#section-review-title')).toBeFocused();
	// Back to the form from the check page: the answers are kept.
	await page.locator('button[name="_change"]').click();
	await expect(page.locator('#reporterName')).toHaveValue(b.fields['reporterName']!);
});
