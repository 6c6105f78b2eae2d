/**
 * The small things a person meets on the way through the forms: the step counter, the time
 * zone, the slot list's length, the description box's font, the personal-data warning, the
 * date of birth, and the printed reference number.
 */
import { expect, test } from '@playwright/test';
import { readYaml } from '../unit/content-files.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { DANISH, type Answers } from '../fixtures/concern-answers.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const ui = (locale: string) => readYaml(`ui/${locale}.yaml`) as Record<string, string>;
const GERMAN: Answers = {
	...DANISH,
	locale: 'de',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	officeEmail: 'kinderschutz@musterstadt.example.org',
};

test('booking: the steps count 1 to 5, the way of talking is step 2, and the slot list shows the next free days first', async ({
	page,
}) => {
	const b = BOOKINGS.en;
	await page.goto(`/en/consultation/`);
	await expect(page.locator('.progress')).toHaveText('Step 1 of 5');
	await page.goto(`/en/consultation/?country=${b.country}&area=${b.area}`);
	await expect(page.locator(`#mode-${b.mode}`)).toBeVisible();
	await expect(page.locator('.progress')).toHaveText('Step 2 of 5');
	await reachSlots(page, '', b);
	await expect(page.locator('.progress')).toHaveText('Step 3 of 5');

	// A few days open, in order; the rest one click away.
	const open = page.locator('.slot-picker > .field');
	expect(await open.count()).toBeLessThanOrEqual(3);
	expect(await page.locator('input[name="slot"]:visible').count()).toBeLessThan(20);
	const all = await page
		.locator('input[name="slot"]')
		.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value.split('@')[1]!));
	expect(all.length).toBeGreaterThan(await page.locator('input[name="slot"]:visible').count());
	expect([...all].sort()).toEqual(all);
	await expect(page.locator('.later-days')).not.toHaveAttribute('open');

	// The time zone once, in one pair of parentheses.
	await chooseSlot(page, 'last');
	const when = await page.locator('.booking-summary dd').first().innerText();
	expect(when).toMatch(/\(Central European (Standard|Summer) Time, Europe\/Berlin\)$/);
	expect(when).not.toMatch(/\(.*\(/);
	await expect(page.locator('.progress')).toHaveText('Step 4 of 5');
});

test('booking: the description is written in the page font, and the personal-data warning says each thing once', async ({
	page,
	browser,
}) => {
	const b = BOOKINGS.de;
	await reachSlots(page, '', b);
	await chooseSlot(page, 'last');
	const [textareaFont, bodyFont] = await page.evaluate(() => [
		getComputedStyle(document.querySelector('#description')!).fontFamily,
		getComputedStyle(document.body).fontFamily,
	]);
	expect(textareaFont).toBe(bodyFont);
	expect(textareaFont).not.toMatch(/mono/i);

	// Without JavaScript the server answers with the warning and the error in it.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await reachSlots(plain, '', b);
	await chooseSlot(plain, 'last');
	await fillAboutYou(plain, { ...b, fields: { ...b.fields, description: 'Das Kind heißt Lena.' } });
	await plain.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	const warning = plain.locator('#personal-data-warning');
	await expect(warning.locator('#personalDataConfirmed-error')).toBeVisible();
	const sentences = (await warning.innerText())
		.split(/(?<=[.!?:])\s+|\n+/)
		.map((s) => s.replace(/^(Fehler|Error):\s*/, '').trim())
		.filter(Boolean);
	expect(
		sentences.filter((s, i) => sentences.indexOf(s) !== i),
		'a sentence said twice',
	).toEqual([]);
	expect(await warning.innerText()).toContain(ui('de')['booking.pd.required']);
	await context.close();
});

test('concern: the date of birth in day, month and year boxes, with a hint that reads like them', async ({
	page,
}) => {
	await reachForm(page, '', GERMAN);
	const hint = page.locator('#childBirthDate-hint');
	await expect(hint).toHaveText(ui('de')['notify.childBirthDate.hint']!);
	// The hint's example, typed into the boxes as it reads, is a valid date.
	const [day, month, year] = /(\d{1,2}) (\d{1,2}) (\d{4})/.exec(await hint.innerText())!.slice(1);
	await expect(page.locator('#childBirthDate-day')).toBeVisible();
	await page.locator('#childBirthDate-day').fill(day!);
	await page.locator('#childBirthDate-month').fill(month!);
	await page.locator('#childBirthDate-year').fill(year!);
	await expect(page.locator('input[type="date"]')).toHaveCount(0);
	await page.locator('#interpreter-no').check();
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-observation-title')).toBeFocused();
	// A date that does not exist is refused with the boxes named.
	await page.goBack();
	await page.locator('#childBirthDate-day').fill('31');
	await page.locator('#childBirthDate-month').fill('2');
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('.error-summary a[href="#childBirthDate-day"]')).toContainText(
		ui('de')['error.date']!,
	);

	// Hungarian writes the year first, and so do its boxes.
	await page.goto('/hu/notify/?danger=no&country=HU&area=1011');
	const order = await page
		.locator('.date-input input')
		.evaluateAll((inputs) => inputs.map((i) => i.id));
	expect(order).toEqual(['childBirthDate-year', 'childBirthDate-month', 'childBirthDate-day']);
});

test('the reference number prints black on white, without background graphics', async ({
	page,
}) => {
	await page.goto('/en/consultation/');
	// The confirmation's panel, as the print stylesheet treats it.
	await page.setContent(
		`<html><head>${await page
			.locator('head style')
			.first()
			.evaluate(
				(s) => s.outerHTML,
			)}</head><body><div class="panel panel--success"><h1>Sent</h1><p class="reference"><strong>K7F3-9Q2M</strong></p></div></body></html>`,
	);
	await page.emulateMedia({ media: 'print' });
	const [color, background] = await page
		.locator('.reference strong')
		.evaluate((el) => [
			getComputedStyle(el).color,
			getComputedStyle(el.closest('.panel')!).backgroundColor,
		]);
	expect(color).toBe('rgb(0, 0, 0)');
	expect(background).toMatch(/rgba\(0, 0, 0, 0\)|transparent|rgb\(255, 255, 255\)/);
	await page.emulateMedia({ media: 'screen' });
	expect(await page.locator('.reference strong').evaluate((el) => getComputedStyle(el).color)).toBe(
		'rgb(255, 255, 255)',
	);
});
