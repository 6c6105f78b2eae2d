/** Filling the concern form in a browser, by field id (which equals the field name). */
import { expect, type Page } from '@playwright/test';
import type { Answers } from '../fixtures/concern-answers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const STEP_FIELDS = [
	['childName', 'childBirthDate', 'childAge', 'childAddress', 'childLanguages', 'interpreter'],
	['observation', 'observedWhen', 'childWords', 'categories', 'urgency', 'actionsTaken'],
	['parentsTold', 'notToldReason', 'notToldDetails'],
	[
		'reporterName',
		'reporterRole',
		'reporterOrganisation',
		'reporterAddress',
		'reporterEmail',
		'reporterPhone',
	],
];

async function fill(page: Page, name: string, value: string | string[]) {
	// A date is asked in three boxes: day, month, year.
	const date = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
	if (date && (await page.locator(`#${name}-day`).count()) > 0) {
		await page.locator(`#${name}-day`).fill(date[3]!);
		await page.locator(`#${name}-month`).fill(date[2]!);
		await page.locator(`#${name}-year`).fill(date[1]!);
		return;
	}
	const type = await page.locator(`[name="${name}"]`).first().getAttribute('type');
	for (const v of Array.isArray(value) ? value : [value]) {
		if (type === 'radio' || type === 'checkbox') await page.locator(`#${name}-${v}`).check();
		else await page.locator(`#${name}`).fill(v);
	}
}

/** From the start page of the flow to the form: not in danger, where the child lives. */
export async function reachForm(page: Page, base: string, answers: Answers) {
	await page.goto(`${base}/${answers.locale}/notify/`);
	await page.locator('#danger-no').check();
	await page.locator('form.question button[type="submit"]').click();
	await page.locator('#country').selectOption(answers.country);
	await page.locator('#area').fill(answers.area);
	await page.locator('form.question button[type="submit"]').click();
	await expect(page.locator('input[name="officeId"]')).toHaveValue(answers.officeId);
}

/** With JavaScript: one step at a time, then the island's own "check your answers". */
export async function fillStepByStep(page: Page, answers: Answers) {
	// Steps are the island's: wait until it has taken over the form (it shows the progress).
	await expect(page.locator('.concern-form .progress')).toBeVisible();
	for (const fields of STEP_FIELDS) {
		for (const name of fields) {
			const value = answers.fields[name];
			if (value !== undefined) await fill(page, name, value);
		}
		await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	}
	await expect(page.locator('#section-review-title')).toBeFocused();
}

/** Without JavaScript: every field on one page. */
export async function fillAllAtOnce(page: Page, answers: Answers) {
	for (const [name, value] of Object.entries(answers.fields)) await fill(page, name, value);
}
