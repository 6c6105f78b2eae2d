import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { INSTITUTIONS } from '../fixtures/institutions.ts';
import { expectNoAxeViolations } from './axe.ts';
import { JURISDICTIONS, pagesOf } from './site-pages.ts';

/** The visible text of a page as served (no script, no style). */
async function pageText(
	request: import('@playwright/test').APIRequestContext,
	path: string,
): Promise<string> {
	const html = await (await request.get(path)).text();
	return html
		.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ');
}

// The proof that jurisdictions do not mix: every page of a country, in every locale, mentions
// none of another country's institutions – and its legal basis names its own.
for (const jurisdiction of JURISDICTIONS) {
	test(`${jurisdiction}: pages in every locale name no other country's institutions`, async ({
		request,
	}) => {
		const others = Object.entries(INSTITUTIONS).filter(([country]) => country !== jurisdiction);
		const found: string[] = [];
		let pages = 0;
		for (const locale of LOCALES) {
			for (const path of await pagesOf(request, locale, jurisdiction)) {
				pages++;
				const text = await pageText(request, path);
				for (const [country, names] of others)
					for (const name of names)
						if (text.includes(name)) found.push(`${path}: ${country} "${name}"`);
			}
			const legal = await pageText(
				request,
				`/${locale}/${jurisdiction.toLowerCase()}/legal-basis/`,
			);
			const own = INSTITUTIONS[jurisdiction as keyof typeof INSTITUTIONS].filter((name) =>
				legal.includes(name),
			);
			expect(
				own.length,
				`${locale}: the legal basis names ${jurisdiction}'s own institutions`,
			).toBeGreaterThan(0);
		}
		expect(pages).toBeGreaterThanOrEqual(LOCALES.length * 12);
		expect(found).toEqual([]);
	});
}

test('the reader chooses a country once by a plain link, and stays in it without cookies or JavaScript', async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/de/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.getByRole('link', { name: 'Dänemark' }).click();
	await expect(page).toHaveURL('/de/dk/');
	// The emergency notice, the office and the menu are Denmark's, in German.
	await expect(page.locator('.emergency')).toContainText('114');
	await page.locator('.site-nav').getByRole('link', { name: 'Nach der Meldung' }).click();
	await expect(page).toHaveURL('/de/dk/after-notification/');
	await expect(page.locator('main')).toContainText('Ankestyrelsen');
	await expect(page.locator('main')).toContainText('6 Werktagen');
	// The other countries are one link away, on the same page.
	await page.locator('.country-switch').getByRole('link', { name: 'Ungarn' }).click();
	await expect(page).toHaveURL('/de/hu/after-notification/');
	await expect(page.locator('main')).not.toContainText('Ankestyrelsen');
	// Another language keeps the country.
	await page.locator('.lang-switch').getByRole('link', { name: 'Български' }).click();
	await expect(page).toHaveURL('/bg/hu/after-notification/');
	expect(await context.cookies()).toEqual([]);
	await context.close();
});

test('forms follow the chosen country: links carry it, the notice and the office search use it', async ({
	page,
}) => {
	await page.goto('/en/bg/');
	const notify = page
		.locator('main')
		.getByRole('link', { name: 'Tell the office about your concern' });
	await expect(notify).toHaveAttribute('href', '/en/notify/?country=BG');
	await notify.click();
	await expect(page.locator('.emergency')).toContainText('116 111');
	await expect(page.locator('.emergency__hours')).toContainText('116 111');
	await page.locator('#danger-no').check();
	await page.locator('form.question button').click();
	await expect(page.locator('#country')).toHaveValue('BG');
	// Without a chosen country the notice shows only what every country shares.
	await page.goto('/en/notify/');
	await expect(page.locator('.emergency__hours')).toHaveCount(0);
	await expect(page.locator('.emergency__number')).toHaveText('112');
});

test("an urgent concern is told to phone as well, with the country's out-of-hours route", async ({
	page,
}) => {
	await page.goto('/de/notify/?danger=no&country=DE');
	await expect(page.locator('.emergency__hours')).toContainText('110');
	await page.goto('/en/dk/');
	await expect(page.locator('.path--danger')).toContainText('114');
});

test('hreflang alternates name every language × country variant, and the sitemap lists them', async ({
	page,
	request,
}) => {
	await page.goto('/da/dk/after-notification/');
	for (const locale of LOCALES) {
		for (const jurisdiction of JURISDICTIONS) {
			await expect(
				page.locator(`link[rel="alternate"][hreflang="${locale}-${jurisdiction}"]`),
			).toHaveAttribute(
				'href',
				new RegExp(`/${locale}/${jurisdiction.toLowerCase()}/after-notification/$`),
			);
		}
	}
	await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
		'href',
		/\/da\/dk\/after-notification\/$/,
	);
	const index = await (await request.get('/sitemap-index.xml')).text();
	const first = /<loc>([^<]+)<\/loc>/.exec(index)![1]!;
	const xml = await (await request.get(new URL(first).pathname)).text();
	expect(xml).toMatch(/hreflang="hu-DE" href="[^"]*\/hu\/de\/after-notification\/"/);
});

test("a page's one-country address (shared before the site served several countries) asks for the country and leads to that page", async ({
	browser,
	page: withScript,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	const response = await page.goto('/da/doubt/');
	expect(response?.status()).toBe(200);
	const links = page.getByRole('main').getByRole('link');
	expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
		JURISDICTIONS.map((j) => `/da/${j.toLowerCase()}/doubt/`),
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		await (await context.request.get('/da/dk/doubt/'))
			.text()
			.then((html) => /<h1>([^<]+)<\/h1>/.exec(html)![1]!),
	);
	await links.nth(1).click();
	await expect(page).toHaveURL(/\/da\/dk\/doubt\/$/);
	// axe runs as a script, so on a page of its own.
	await withScript.goto('/da/doubt/');
	await expectNoAxeViolations(withScript, '/da/doubt/');
	// Not listed in the sitemap: it keeps an old address working, it is no page of its own.
	expect(await (await context.request.get('/sitemap-0.xml')).text()).not.toContain('/da/doubt/');
	await context.close();
});
