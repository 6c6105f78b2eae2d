import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { GUIDANCE_SLUGS } from '../../src/lib/content-schemas.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { pagePath, slugPath } from '../../src/lib/site-paths.ts';
import { WCAG_22_AA } from './axe.ts';
import { JURISDICTIONS, sitemapPaths } from './site-pages.ts';

/** Each country's pages in groups of four, so each test stays short (axe takes a second or two a page). */
const PAGE_GROUPS = [...GUIDANCE_SLUGS.map(slugPath), 'search/'].reduce<string[][]>((groups, page, i) => {
	if (i % 4 === 0) groups.push([]);
	groups.at(-1)!.push(page);
	return groups;
}, []);

async function expectNoViolations(page: import('@playwright/test').Page, paths: readonly string[]) {
	const failures: string[] = [];
	for (const path of paths) {
		const response = await page.goto(path);
		expect(response?.ok() || response?.status() === 404, `${path} answers`).toBe(true);
		const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
		for (const v of violations) failures.push(`${path}: ${v.id} (${v.nodes.length}×) ${v.help} – ${v.nodes[0]?.target.join(' ')}`);
	}
	expect(failures).toEqual([]);
}

for (const locale of LOCALES) {
	test(`axe finds no WCAG 2.2 AA violation: ${locale} country chooser and 404`, async ({ page }) => {
		await expectNoViolations(page, [`/${locale}/`, `/${locale}/no-such-page/`]);
	});
	for (const jurisdiction of JURISDICTIONS) {
		PAGE_GROUPS.forEach((group, i) => {
			test(`axe finds no WCAG 2.2 AA violation: ${locale} × ${jurisdiction}, pages ${i + 1}/${PAGE_GROUPS.length}`, async ({ page }) => {
				await expectNoViolations(page, group.map((p) => pagePath(locale, jurisdiction, p, JURISDICTIONS)));
			});
		});
	}
}

test('axe covers every page of the sitemap, and the language chooser passes too', async ({ page, request }) => {
	const covered = new Set(LOCALES.flatMap((l) => [`/${l}/`, ...JURISDICTIONS.flatMap((j) => PAGE_GROUPS.flat().map((p) => pagePath(l, j, p, JURISDICTIONS)))]));
	expect((await sitemapPaths(request)).filter((p) => !covered.has(p))).toEqual([]);
	await expectNoViolations(page, ['/']);
});
