/**
 * No guidance page is a dead end: each ends with the next step that fits it – the concern
 * form, the anonymous consultation or the offices – and the link leads there.
 */
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { sitemapPaths } from './site-pages.ts';

for (const locale of LOCALES) {
	test(`${locale}: every guidance page ends with a next step to a form or the offices`, async ({ page, request }) => {
		const guidance = (await sitemapPaths(request)).filter((p) => p.startsWith(`/${locale}/`) && !/\/(search|notify|consultation)\/$/.test(p) && p !== `/${locale}/`);
		expect(guidance.length).toBe(10);
		for (const path of guidance) {
			await page.goto(path);
			// The last thing in the article, after the text and any directory.
			const last = page.locator('article > :last-child');
			await expect(last, path).toHaveClass(/next-step/);
			const links = await last.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			expect(links.length, path).toBeGreaterThan(0);
			for (const href of links) expect(href, path).toMatch(new RegExp(`^/${locale}/(notify|consultation|contacts)/$`));
		}
		// The page about when to notify offers the form first; the one about the consultation, the booking.
		await page.goto(`/${locale}/when-to-notify/`);
		await expect(page.locator('.next-step a').first()).toHaveAttribute('href', `/${locale}/notify/`);
		await page.goto(`/${locale}/anonymous-consultation/`);
		await expect(page.locator('.next-step a').first()).toHaveAttribute('href', `/${locale}/consultation/`);
		await page.locator('.next-step a').first().click();
		await expect(page.locator('h1')).toBeVisible();
		expect(new URL(page.url()).pathname).toBe(`/${locale}/consultation/`);
	});
}
