import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { WCAG_22_AA } from './axe.ts';
import { JURISDICTIONS, pagesOf } from './site-pages.ts';

// One test per locale × jurisdiction (and per locale for the pages outside a country), so each
// stays short; together they cover every page of the sitemap, the choosers and the 404 pages.
for (const locale of LOCALES) {
	for (const jurisdiction of [undefined, ...JURISDICTIONS]) {
		test(`axe finds no WCAG 2.2 AA violation: ${locale}${jurisdiction ? ` × ${jurisdiction}` : ' (chooser, 404)'}`, async ({ page, request }) => {
			const pages = await pagesOf(request, locale, jurisdiction);
			expect(pages.length).toBeGreaterThanOrEqual(jurisdiction ? 12 : 2);
			const failures: string[] = [];
			for (const path of pages) {
				await page.goto(path);
				const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
				for (const v of violations) failures.push(`${path}: ${v.id} (${v.nodes.length}×) ${v.help} – ${v.nodes[0]?.target.join(' ')}`);
			}
			expect(failures).toEqual([]);
		});
	}
}

test('axe finds no WCAG 2.2 AA violation on the language chooser', async ({ page }) => {
	await page.goto('/');
	const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
	expect(violations.map((v) => v.id)).toEqual([]);
});
