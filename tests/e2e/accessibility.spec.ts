import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { allPages } from './site-pages.ts';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. No rule is disabled. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

test('axe finds no WCAG 2.2 AA violation on any page in any locale', async ({ page, request }) => {
	test.setTimeout(600_000);
	const pages = await allPages(request);
	expect(pages.length).toBeGreaterThanOrEqual(60);
	const failures: string[] = [];
	for (const path of pages) {
		await page.goto(path);
		const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
		for (const v of violations) failures.push(`${path}: ${v.id} (${v.nodes.length}×) ${v.help} – ${v.nodes[0]?.target.join(' ')}`);
	}
	expect(failures).toEqual([]);
});
