import { expect, test } from '@playwright/test';
import { sitemapPaths } from './site-pages.ts';

test('guidance pages load no JavaScript, no fonts and nothing from other origins', async ({ page, request, baseURL }) => {
	test.setTimeout(300_000);
	const origin = new URL(baseURL!).origin;
	const guidance = (await sitemapPaths(request)).filter((p) => !/\/(search|notify|consultation)\/$/.test(p));
	expect(guidance.length).toBeGreaterThanOrEqual(56);
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
