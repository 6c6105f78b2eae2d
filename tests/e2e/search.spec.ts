import { expect, test } from '@playwright/test';
import type { Locale } from '../../src/lib/locales.ts';
import { translatorFor } from '../unit/content-files.ts';

/** A word from one page of each locale, that page, and the country whose search is used. */
const QUERIES = {
	en: { query: 'dilemma', country: 'de' },
	de: { query: 'Dilemma', country: 'dk' },
	da: { query: 'dilemmaspil', country: 'hu' },
	bg: { query: 'дилеми', country: 'bg' },
	hu: { query: 'dilemma', country: 'de' },
} as const;

for (const [locale, { query, country }] of Object.entries(QUERIES)) {
	const target = `/${locale}/${country}/doubt/`;
	test(`${locale}: search finds a page of its own locale and country`, async ({ page }) => {
		await page.goto(`/${locale}/${country}/search/`);
		await page.getByRole('searchbox').fill(query);
		const results = page.locator('.search-results a');
		await expect(results.first()).toBeVisible({ timeout: 15_000 });
		await expect(page.getByRole('status')).not.toBeEmpty();
		// The count in the plural form its language wants for that number.
		const status = (await page.getByRole('status').textContent())!;
		const count = Number(/\d+/.exec(status)![0]);
		expect(status).toBe(translatorFor(locale as Locale)('search.results', { count }));
		const hrefs = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(hrefs).toContain(target);
		expect(
			hrefs.every((h) => h?.startsWith(`/${locale}/${country}/`)),
			`only ${locale} pages of ${country}: ${hrefs.join(', ')}`,
		).toBe(true);
		await page.locator(`.search-results a[href="${target}"]`).click();
		await expect(page).toHaveURL(target);
	});
}

test('one page found is said in the singular', async ({ page }) => {
	await page.goto('/en/de/search/?q=dilemma');
	await expect(page.getByRole('status')).toHaveText('1 page found');
	await expect(page.locator('.search-results li')).toHaveCount(1);
});

test('a search link with ?q= runs the search on load, and a nonsense word finds nothing', async ({
	page,
}) => {
	await page.goto('/en/dk/search/?q=dilemma');
	await expect(page.getByRole('searchbox')).toHaveValue('dilemma');
	await expect(page.locator('.search-results a').first()).toBeVisible();
	await page.getByRole('searchbox').fill('qqxxzzyy');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByRole('status')).toHaveText('No pages found. Try another word.');
	await expect(page.locator('.search-results li')).toHaveCount(0);
});
