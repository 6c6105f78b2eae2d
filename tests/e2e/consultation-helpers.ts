/** Walking the booking flow in a browser, by field id (which equals the field name). */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BookingAnswers } from '../fixtures/booking-answers.ts';

/** Steps 1 and 2: the office by postcode or municipality, the way of talking, then the slot list. */
export async function reachSlots(page: Page, base: string, b: BookingAnswers) {
	await page.goto(`${base}/${b.locale}/consultation/`);
	await page.locator('#country').selectOption(b.country);
	await page.locator('#area').fill(b.area);
	await page.locator('form.question button[type="submit"]').click();
	await page.locator(`#mode-${b.mode}`).check();
	await page.locator('form.question button[type="submit"]').click();
	await expect(page.locator('input[name="slot"]').first()).toBeVisible();
}

/**
 * Step 3: a free slot; returns its id. Tests run side by side against one server, so those that
 * book take the first or the last slot (two that book at the same office take one each), and
 * those that only look at later steps take the second, which nobody books.
 */
export async function chooseSlot(
	page: Page,
	which: 'first' | 'second' | 'last' = 'first',
): Promise<string> {
	const slots = page.locator('input[name="slot"]');
	const slot = which === 'second' ? slots.nth(1) : slots[which]();
	const id = (await slot.getAttribute('value'))!;
	await showLaterDays(page, slot);
	await slot.check();
	await page.locator('form.slot-picker button[type="submit"]').click();
	await expect(page.locator('#reporterName')).toBeVisible();
	// With JavaScript the island has taken over once it has fetched its challenge.
	await page.waitForLoadState('networkidle');
	return id;
}

/** Opens the "later days" part of the slot list when the slot is in it. */
export async function showLaterDays(page: Page, slot: Locator) {
	if (!(await slot.isVisible())) await page.locator('.later-days > summary').click();
}

/** Steps 3–4: about you and the description. */
export async function fillAboutYou(page: Page, b: BookingAnswers) {
	for (const [name, value] of Object.entries(b.fields)) await page.locator(`#${name}`).fill(value);
}
