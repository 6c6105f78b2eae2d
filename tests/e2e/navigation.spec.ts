import { expect, test } from '@playwright/test';
import { GUIDANCE_SLUGS } from '../../src/lib/content-schemas.ts';
import { LOCALE_NAMES, LOCALES } from '../../src/lib/locales.ts';
import { JURISDICTIONS, sitemapPaths } from './site-pages.ts';

/** A country for each locale's walk, so every country is walked in some language. */
const WALK = { en: 'DE', de: 'DE', da: 'DK', bg: 'BG', hu: 'HU' } as const;

test('the start page lets the visitor choose a language without JavaScript', async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/');
	for (const locale of LOCALES) {
		await expect(
			page.getByRole('link', { name: new RegExp(LOCALE_NAMES[locale]) }),
		).toHaveAttribute('href', `/${locale}/`);
	}
	await page.getByRole('link', { name: /Deutsch/ }).click();
	await expect(page).toHaveURL('/de/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await context.close();
});

for (const locale of LOCALES) {
	test(`${locale}: the menu reaches every page, each with its own title and language`, async ({
		page,
	}) => {
		await page.goto(`/${locale}/${WALK[locale].toLowerCase()}/`);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		const menu = page.locator('nav.site-nav');
		const links = menu.getByRole('link');
		const count = await links.count();
		expect(count).toBeGreaterThanOrEqual(9);
		const titles = new Set<string>();
		for (let i = 0; i < count; i++) {
			const link = menu.getByRole('link').nth(i);
			const href = await link.getAttribute('href');
			await link.click();
			await expect(page).toHaveURL(href!);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(menu.getByRole('link', { name: await link.innerText() })).toHaveAttribute(
				'aria-current',
				'page',
			);
			titles.add(await page.title());
			const description = await page.locator('meta[name="description"]').getAttribute('content');
			expect(description?.length).toBeGreaterThan(30);
		}
		expect(titles.size, 'every page has its own title').toBe(count);
	});

	test(`${locale}: the emergency notice with a callable number is on the page`, async ({
		page,
	}) => {
		await page.goto(`/${locale}/${WALK[locale].toLowerCase()}/doubt/`);
		const notice = page
			.getByRole('complementary')
			.filter({ has: page.locator('.emergency__number') });
		await expect(notice).toBeVisible();
		await expect(notice.getByRole('link', { name: '112' })).toHaveAttribute('href', 'tel:112');
		await expect(notice.getByRole('link', { name: /116\s111/ })).toHaveAttribute(
			'href',
			'tel:116111',
		);
		// The helpline's label and its name together say nothing twice ("Child helpline National child helpline").
		await page.setViewportSize({ width: 1200, height: 800 });
		const helpline = (await notice.locator('.emergency__helpline').innerText()).toLowerCase();
		const words = helpline.split(/[^\p{L}]+/u).filter(Boolean);
		const phrases = words.slice(0, -2).map((w, i) => `${w} ${words[i + 1]} ${words[i + 2]}`);
		expect(
			phrases.filter((p, i) => phrases.indexOf(p) !== i),
			helpline,
		).toEqual([]);
	});
}

test('the language switcher keeps the visitor on the same page', async ({ page }) => {
	await page.goto('/de/dk/talking-with-parents/');
	const switcher = page.locator('.lang-switch');
	await expect(switcher.getByRole('link', { name: 'Deutsch' })).toHaveAttribute(
		'aria-current',
		'true',
	);
	await switcher.getByRole('link', { name: 'Magyar' }).click();
	await expect(page).toHaveURL('/hu/dk/talking-with-parents/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
	await page.locator('.lang-switch').getByRole('link', { name: 'Български' }).click();
	await expect(page).toHaveURL('/bg/dk/talking-with-parents/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bg');
});

test('every page links its translations with hreflang alternates', async ({ page }) => {
	await page.goto('/da/dk/after-notification/');
	for (const locale of LOCALES) {
		await expect(page.locator(`link[rel="alternate"][hreflang="${locale}-DK"]`)).toHaveAttribute(
			'href',
			new RegExp(`/${locale}/dk/after-notification/$`),
		);
	}
	await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute(
		'href',
		/\/$/,
	);
});

test('unknown addresses get a 404 page in the language of the path', async ({ page }) => {
	for (const locale of LOCALES) {
		const response = await page.goto(`/${locale}/no-such-page/`);
		expect(response?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page.locator('main').getByRole('link')).toHaveAttribute('href', `/${locale}/`);
	}
	const response = await page.goto('/no-such-page/');
	expect(response?.status()).toBe(404);
});

test('sitemap lists the language chooser, every guidance page and both forms in every locale, and robots.txt points to it', async ({
	request,
}) => {
	const paths = await sitemapPaths(request);
	for (const locale of LOCALES) {
		expect(paths).toContain(`/${locale}/`);
		for (const j of JURISDICTIONS.map((c) => c.toLowerCase())) {
			for (const slug of GUIDANCE_SLUGS)
				expect(paths).toContain(slug === 'index' ? `/${locale}/${j}/` : `/${locale}/${j}/${slug}/`);
			expect(paths).toContain(`/${locale}/${j}/search/`);
		}
		// The forms are rendered on demand, so the sitemap must be told about them.
		expect(paths).toContain(`/${locale}/notify/`);
		expect(paths).toContain(`/${locale}/consultation/`);
	}
	expect(paths).toContain('/');
	const robots = await (await request.get('/robots.txt')).text();
	expect(robots).toMatch(/^Sitemap: .*\/sitemap-index\.xml$/m);
	expect((await request.get('/favicon.svg')).headers()['content-type']).toContain('image/svg+xml');
});
