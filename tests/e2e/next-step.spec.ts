/**
 * No guidance page is a dead end: each ends with the next step that fits it – the concern
 * form, the anonymous consultation or the offices – and the link leads there.
 */
import { expect, test } from '@playwright/test';
import { LOCALES } from '../../src/lib/locales.ts';
import { formPath, pagePath } from '../../src/lib/site-paths.ts';
import { JURISDICTIONS, pagesOf } from './site-pages.ts';

// One test per locale × country: the links lead to that country's form and offices.
for (const locale of LOCALES) {
	for (const jurisdiction of JURISDICTIONS) {
		test(`${locale} × ${jurisdiction}: every guidance page ends with a next step to a form or the offices`, async ({
			page,
			request,
		}) => {
			const home = pagePath(locale, jurisdiction, '', JURISDICTIONS);
			const guidance = (await pagesOf(request, locale, jurisdiction)).filter(
				(p) =>
					!p.endsWith('/search/') &&
					p !== home &&
					!p.endsWith('/no-such-page/') &&
					// An office's own page (contacts/<office>/) is part of the directory, not guidance.
					!/\/contacts\/[^/]+\/$/.test(p),
			);
			expect(guidance.length).toBe(10);
			const targets = [
				formPath(locale, 'notify', jurisdiction, JURISDICTIONS),
				formPath(locale, 'consultation', jurisdiction, JURISDICTIONS),
				pagePath(locale, jurisdiction, 'contacts/', JURISDICTIONS),
			];
			for (const path of guidance) {
				await page.goto(path);
				// The last thing in the article, after the text and any directory.
				const last = page.locator('article > :last-child');
				await expect(last, path).toHaveClass(/next-step/);
				const links = await last
					.locator('a')
					.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
				expect(links.length, path).toBeGreaterThan(0);
				for (const href of links) expect(targets, path).toContain(href);
			}
			// The page about when to notify offers the form first; the one about the consultation, the booking.
			await page.goto(pagePath(locale, jurisdiction, 'when-to-notify/', JURISDICTIONS));
			await expect(page.locator('.next-step a').first()).toHaveAttribute('href', targets[0]!);
			await page.goto(pagePath(locale, jurisdiction, 'anonymous-consultation/', JURISDICTIONS));
			await expect(page.locator('.next-step a').first()).toHaveAttribute('href', targets[1]!);
			await page.locator('.next-step a').first().click();
			await expect(page.locator('h1')).toBeVisible();
			const url = new URL(page.url());
			expect(url.pathname + url.search).toBe(targets[1]);
		});
	}
}
