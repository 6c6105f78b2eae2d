import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { WCAG_22_AA } from './axe.ts';
import { allPages, JURISDICTIONS, pageGroups, pagesIn } from './site-pages.ts';

/** Four groups per locale × country keep each test to three pages (about 3 s on an idle machine). */
const GROUPS = pageGroups(4);

test('the page groups take every page of the site exactly once', async ({ request }) => {
	const pages = await allPages(request);
	// Every guidance page and search in every locale × country, plus the pages outside a country.
	expect(pages.length).toBeGreaterThanOrEqual(LOCALES.length * JURISDICTIONS.length * 12);
	const grouped = GROUPS.flatMap((g) => pagesIn(pages, g));
	expect(grouped.toSorted()).toEqual(pages.toSorted());
});

for (const group of GROUPS) {
	test(`axe finds no WCAG 2.2 AA violation: ${group.name}`, async ({ page, request }) => {
		const pages = pagesIn(await allPages(request), group);
		expect(pages.length).toBeGreaterThan(0);
		const failures: string[] = [];
		for (const path of pages) {
			await page.goto(path);
			const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
			for (const v of violations)
				failures.push(
					`${path}: ${v.id} (${v.nodes.length}×) ${v.help} – ${v.nodes[0]?.target.join(' ')}`,
				);
		}
		expect(failures).toEqual([]);
	});
}
