import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { WCAG_22_AA } from './axe.ts';
import { allPages } from './site-pages.ts';

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
