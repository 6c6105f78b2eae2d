/**
 * The office directory as it is at national scale (the tests' site.yaml sets
 * `directory.inlineUpTo: 0`, so every country lists its offices by name): the contacts page's
 * office search finds the office by postcode and by municipality without JavaScript, answers
 * an unknown area with the country's fallback, and each office's own page shows its contacts.
 * Every locale for Germany, axe included; the other countries' pages are walked by the
 * accessibility and link tests through the sitemap.
 */
import { expect, test, type Browser } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { expectNoAxeViolations } from './axe.ts';

const OFFICE = 'Jugendamt Musterstadt – Allgemeiner Sozialer Dienst (Demo)';

async function withoutJavaScript(browser: Browser) {
	const context = await browser.newContext({ javaScriptEnabled: false });
	return { page: await context.newPage(), close: () => context.close() };
}

for (const locale of LOCALES) {
	test(`${locale}: the contacts page finds the office by postcode without JavaScript, and the office page shows its contacts`, async ({
		browser,
	}) => {
		const { page, close } = await withoutJavaScript(browser);
		await page.goto(`/${locale}/de/contacts/`);
		// The country's offices are links to their pages, not printed in full here.
		await expect(page.locator('main a[href^="mailto:"]')).toHaveCount(0);
		await page.locator('form[role="search"] input[name="area"]').fill('07745');
		await page.locator('form[role="search"] button[type="submit"]').click();
		await expect(page).toHaveURL(new RegExp(`/${locale}/office-search/\\?country=DE&area=07745$`));
		await expect(page.getByRole('heading', { level: 3, name: OFFICE })).toBeVisible();
		await expect(
			page.locator('main a[href="mailto:kinderschutz@musterstadt.example.org"]'),
		).toBeVisible();
		await expect(page.locator('input[name="area"]')).toHaveValue('07745');

		await page.goto(`/${locale}/de/contacts/`);
		await page.getByRole('link', { name: OFFICE }).click();
		await expect(page).toHaveURL(`/${locale}/de/contacts/de-musterstadt/`);
		await expect(page.getByRole('heading', { level: 1, name: OFFICE })).toBeVisible();
		await expect(page.locator('main a[href="tel:+493023125100"]').first()).toBeVisible();
		await expect(
			page.locator('main a[href="mailto:a.beispiel@musterstadt.example.org"]'),
		).toBeVisible();
		// Back to the country's list, and the other countries' contacts pages, not this office elsewhere.
		await expect(page.locator(`main a[href="/${locale}/de/contacts/"]`)).toBeVisible();
		await expect(page.locator(`.country-switch a[href="/${locale}/dk/contacts/"]`)).toBeVisible();
		await close();
	});

	test(`${locale}: the contacts page, the office search and an office's page pass axe`, async ({
		page,
	}) => {
		for (const path of [
			'de/contacts/',
			'office-search/?country=DE&area=Musterstadt',
			'office-search/?country=DE&area=99999',
			'de/contacts/de-musterstadt/',
		]) {
			await page.goto(`/${locale}/${path}`);
			await expectNoAxeViolations(page, `${locale}: ${path}`);
		}
	});
}

test('the search finds the office by municipality, accents and case ignored, and only in the country searched', async ({
	browser,
}) => {
	const { page, close } = await withoutJavaScript(browser);
	await page.goto('/de/de/contacts/');
	await page.locator('form[role="search"] input[name="area"]').fill('  LINDENAU ');
	await page.locator('form[role="search"] button[type="submit"]').click();
	await expect(page.getByRole('heading', { level: 3, name: OFFICE })).toBeVisible();
	// Danish postcode 8000 in Germany: no office here, the German fallback instead, no Danish office.
	await page.goto('/en/office-search/?country=DE&area=8000');
	await expect(page.getByRole('status')).toContainText('No office on this site serves this area.');
	await expect(page.getByRole('status')).toContainText('Das örtlich zuständige Jugendamt');
	await expect(page.locator('main')).not.toContainText('Eksempelby');
	await expect(page.locator('.emergency')).toContainText('112');
	await close();
});

test('the search without a country asks for one, and a bad country or an empty area finds nothing', async ({
	request,
	page,
}) => {
	await page.goto('/en/office-search/');
	await expect(page.getByLabel('Country')).toBeVisible();
	await expect(page.locator('.office')).toHaveCount(0);
	for (const query of ['?country=XX&area=07745', '?country=DE&area=', '?country=DE&area=%20%20']) {
		const response = await request.get(`/en/office-search/${query}`);
		expect(response.status(), query).toBe(200);
		const html = await response.text();
		expect(html, query).not.toContain('musterstadt.example.org');
		expect(html, query).not.toContain('role="status"');
	}
	// A term far too long is cut, not echoed in full or refused with an error.
	const long = await request.get(`/en/office-search/?country=DE&area=${'0'.repeat(5000)}`);
	expect(long.status()).toBe(200);
	expect(await long.text()).not.toContain('0'.repeat(101));
});
