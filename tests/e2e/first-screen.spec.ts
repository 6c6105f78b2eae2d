/**
 * On a phone (375 × 667) the first screen shows the page, not only the header: the emergency
 * notice comes first and stays short, the menu is folded away, and each page type's main
 * heading starts within the upper half of the screen.
 */
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { expectNoAxeViolations } from './axe.ts';

const PHONE = { width: 375, height: 667 };
/** One page of each type; the concern form's first island step needs the earlier answers. */
const PAGE_TYPES: Record<string, (locale: string) => string> = {
	'language chooser': () => '/',
	'country chooser': (l) => `/${l}/`,
	home: (l) => `/${l}/de/`,
	guidance: (l) => `/${l}/de/when-to-notify/`,
	contacts: (l) => `/${l}/de/contacts/`,
	search: (l) => `/${l}/de/search/`,
	'not found': (l) => `/${l}/no-such-page/`,
	'concern: emergency check': (l) => `/${l}/notify/`,
	'concern: form': (l) => `/${l}/notify/?danger=no&country=DE&area=07743`,
	'booking: which office': (l) => `/${l}/consultation/`,
	'booking: free times': (l) =>
		`/${l}/consultation/?country=DE&area=07743&office=de-musterstadt&mode=phone`,
};
const UPPER_HALF = PHONE.height / 2;

for (const locale of LOCALES) {
	test(`${locale}: on a phone every page type's main heading starts in the upper half of the first screen`, async ({
		page,
	}) => {
		await page.setViewportSize(PHONE);
		const tops: string[] = [];
		const late: string[] = [];
		for (const [type, path] of Object.entries(PAGE_TYPES)) {
			if (type === 'language chooser' && locale !== 'en') continue;
			await page.goto(path(locale));
			const top = await page
				.locator('h1')
				.first()
				.evaluate((h) => Math.round(h.getBoundingClientRect().top + window.scrollY));
			tops.push(`${type} ${top}`);
			if (top > UPPER_HALF) late.push(`${type}: ${top} px`);
		}
		console.log(`first screen ${locale} (h1 top, px): ${tops.join(', ')}`);
		expect(late).toEqual([]);
	});
}

test('on a phone the emergency notice comes first and is short, and the menu opens by keyboard without JavaScript', async ({
	browser,
}) => {
	const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
	const page = await context.newPage();
	for (const locale of LOCALES) {
		await page.goto(`/${locale}/de/doubt/`);
		// First in the page after the skip link, at most three short lines: the emergency number
		// (with the country's police line where it has one), the out-of-hours route, the helpline.
		const first = await page.evaluate(
			() => document.querySelector('.skip-link')?.nextElementSibling?.className,
		);
		expect(first).toBe('emergency');
		const notice = page.locator('.emergency');
		expect(
			(await notice.boundingBox())!.height,
			`${locale}: emergency notice height`,
		).toBeLessThanOrEqual(104);
		await expect(notice.getByRole('link', { name: '112' })).toBeVisible();
		await expect(notice.locator('.emergency__hours a')).toBeVisible();
		await expect(notice.getByRole('link', { name: /116\s111/ })).toBeVisible();
		// The menu is folded away: its links are not on the first screen until it is opened.
		const menuLink = page.locator('.site-nav a').first();
		await expect(menuLink).toBeHidden();
		const toggle = page.locator('.menu__toggle');
		await toggle.focus();
		await page.keyboard.press('Enter');
		await expect(menuLink).toBeVisible();
		await expect(page.locator('.lang-switch a[hreflang="de"]')).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(menuLink).toBeFocused();
		await toggle.focus();
		await page.keyboard.press('Space');
		await expect(menuLink).toBeHidden();
	}
	await context.close();
});

test('on a wide screen the menu is always open, without a button', async ({ page }) => {
	await page.setViewportSize({ width: 1200, height: 800 });
	await page.goto('/en/de/doubt/');
	await expect(page.locator('.menu__toggle')).toBeHidden();
	await expect(page.locator('.site-nav').getByRole('link', { name: 'Search' })).toBeVisible();
	await expect(page.locator('.lang-switch').getByRole('link', { name: 'Deutsch' })).toBeVisible();
	await expect(page.locator('.emergency')).toContainText('Is a child in acute danger?');
});

for (const locale of LOCALES) {
	test(`${locale}: the opened menu on a phone passes axe`, async ({ page }) => {
		await page.setViewportSize(PHONE);
		await page.goto(`/${locale}/de/contacts/`);
		await page.locator('.menu__toggle').click();
		await expectNoAxeViolations(page, `${locale}: menu open`);
	});
}
