import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { JURISDICTIONS, pagesOf } from './site-pages.ts';

// One test per locale × jurisdiction, so each stays short.
for (const locale of LOCALES) {
	for (const jurisdiction of JURISDICTIONS) {
		test(`guidance pages load no JavaScript, no fonts and nothing from other origins: ${locale} × ${jurisdiction}`, async ({ page, request, baseURL }) => {
			const origin = new URL(baseURL!).origin;
			const guidance = (await pagesOf(request, locale, jurisdiction)).filter((p) => !p.endsWith('/search/'));
			expect(guidance.length).toBeGreaterThanOrEqual(11);
			const problems: string[] = [];
			page.on('request', (r) => {
				const url = new URL(r.url());
				if (url.origin !== origin) problems.push(`${page.url()}: request to ${url.origin}`);
				if (['script', 'font'].includes(r.resourceType())) problems.push(`${page.url()}: loads ${r.resourceType()} ${url.pathname}`);
			});
			for (const path of guidance) {
				await page.goto(path);
				expect(await page.locator('script').count(), `${path} has no script element`).toBe(0);
			}
			expect(problems).toEqual([]);
		});
	}
	test(`the country chooser loads no JavaScript: ${locale}`, async ({ page }) => {
		await page.goto(`/${locale}/`);
		expect(await page.locator('script').count()).toBe(0);
	});
}
