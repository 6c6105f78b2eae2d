import { expect, test } from '@playwright/test';
import { pageGroups, pagesIn, sitemapPaths } from './site-pages.ts';

for (const group of pageGroups()) {
	test(`guidance pages load no JavaScript, no fonts and nothing from other origins: ${group.name}`, async ({ page, request, baseURL }) => {
		const origin = new URL(baseURL!).origin;
		// The sitemap's pages but search (its script is the point) and the forms: guidance, the choosers.
		const guidance = [...new Set(pagesIn([...(await sitemapPaths(request)), '/'], group))].filter((p) => !/\/(search|notify|consultation)\/$/.test(p));
		expect(guidance.length).toBeGreaterThan(0);
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
