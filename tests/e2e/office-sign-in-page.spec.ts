/**
 * The sign-in page without JavaScript: a passkey needs the page's script, so the button must not
 * be there to press (pressed before the script ran, it posted an empty answer), and the page says
 * why; the failure message stays hidden until there is a failure.
 */
import { expect, test } from '@playwright/test';

test('without JavaScript the passkey button is hidden and the page says why', async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/office/sign-in/');
	const form = page.locator('form[data-passkey]');
	await expect(form.locator('button')).toBeHidden();
	await expect(form.locator('[data-passkey-failed]')).toBeHidden();
	await expect(form.locator('[data-passkey-unsupported]')).toBeVisible();
	await context.close();
});

test('with JavaScript the button appears and the explanation goes', async ({ page }) => {
	await page.goto('/office/sign-in/');
	const form = page.locator('form[data-passkey]');
	await expect(form.locator('button')).toBeVisible();
	await expect(form.locator('[data-passkey-unsupported]')).toBeHidden();
	await expect(form.locator('[data-passkey-failed]')).toBeHidden();
});
