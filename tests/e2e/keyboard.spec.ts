import { expect, test } from '@playwright/test';

test('keyboard only: the first Tab shows the skip link, which moves focus to the content', async ({
	page,
}) => {
	await page.goto('/en/de/when-to-notify/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	// Visible when focused: inside the viewport, not clipped away.
	const box = await skip.boundingBox();
	expect(box && box.y >= 0 && box.height > 10).toBe(true);
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
	// The next Tab continues in the content, not back in the header.
	await page.keyboard.press('Tab');
	const inMain = await page.evaluate(() =>
		document.querySelector('main')!.contains(document.activeElement),
	);
	expect(inMain).toBe(true);
});

test('keyboard only: every link can be reached with Tab and shows a visible focus indicator', async ({
	page,
}) => {
	await page.goto('/en/de/');
	const linkCount = await page.locator('a[href]').count();
	let reached = 0;
	for (let i = 0; i < linkCount; i++) {
		await page.keyboard.press('Tab');
		const focus = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			const style = getComputedStyle(el);
			return {
				tag: el.tagName,
				href: el.getAttribute('href'),
				outline: style.outlineStyle,
				shadow: style.boxShadow,
			};
		});
		if (focus.tag !== 'A') continue;
		reached++;
		expect(
			focus.outline !== 'none' || focus.shadow !== 'none',
			`focus visible on ${focus.href}`,
		).toBe(true);
	}
	expect(reached).toBe(linkCount);
});

test('keyboard only: the menu can be used to change page', async ({ page }) => {
	await page.goto('/de/de/');
	const target = page.locator('.site-nav a[href="/de/de/doubt/"]');
	await target.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL('/de/de/doubt/');
});
