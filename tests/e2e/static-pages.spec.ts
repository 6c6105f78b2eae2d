import { expect, test } from '@playwright/test';
import { readYaml, translatorFor } from '../unit/content-files.ts';
import { pageGroups, pagesIn, sitemapPaths } from './site-pages.ts';

for (const group of pageGroups()) {
	test(`guidance pages load no JavaScript, no fonts and nothing from other origins: ${group.name}`, async ({
		page,
		request,
		baseURL,
	}) => {
		const origin = new URL(baseURL!).origin;
		// The sitemap's pages but search (its script is the point) and the forms: guidance, the choosers.
		const guidance = [...new Set(pagesIn([...(await sitemapPaths(request)), '/'], group))].filter(
			(p) => !/\/(search|notify|consultation)\/$/.test(p),
		);
		expect(guidance.length).toBeGreaterThan(0);
		const problems: string[] = [];
		page.on('request', (r) => {
			const url = new URL(r.url());
			if (url.origin !== origin) problems.push(`${page.url()}: request to ${url.origin}`);
			if (['script', 'font'].includes(r.resourceType()))
				problems.push(`${page.url()}: loads ${r.resourceType()} ${url.pathname}`);
		});
		for (const path of guidance) {
			await page.goto(path);
			expect(await page.locator('script').count(), `${path} has no script element`).toBe(0);
		}
		expect(problems).toEqual([]);
	});
}

test('the privacy page says how long submissions are kept, each number with its own plural form', async ({
	page,
}) => {
	const { retention } = readYaml('site.yaml') as {
		retention: { deliveredDays: number; undeliveredDays: number };
	};
	for (const locale of ['en', 'bg'] as const) {
		const t = translatorFor(locale);
		await page.goto(`/${locale}/de/privacy/`);
		const sentences = `${t('operator.retentionDelivered', { count: retention.deliveredDays })} ${t('operator.retentionUndelivered', { count: retention.undeliveredDays })}`;
		await expect(page.locator('.operator dd').last()).toHaveText(sentences);
	}
});
