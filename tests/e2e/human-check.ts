/** Answering the spam guard's question step as a person would, in any locale. */
import { expect, type Page } from '@playwright/test';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { readYaml } from '../unit/content-files.ts';

/** The question's numbers, read back through the locale's own wording. */
export async function answerOf(page: Page): Promise<number> {
	const locale = await page.locator('html').getAttribute('lang');
	const ui = readYaml(`ui/${locale}.yaml`) as Record<string, string>;
	const words = ui['spam.numbers']!.split(',');
	const pattern = new RegExp(
		`^${ui['spam.question']!.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
			.replace('{a}', '(.+?)')
			.replace('{b}', '(.+?)')}$`,
	);
	const match = pattern.exec(
		(await page.locator(`label[for="${CONTROL_FIELDS.answer}"]`).innerText()).trim(),
	);
	if (!match) throw new Error('the question does not read as the locale words it');
	return words.indexOf(match[1]!) + words.indexOf(match[2]!);
}

/** Answers the question step and sends. */
export async function passHumanCheck(page: Page) {
	await expect(page.locator('#human-check-title')).toBeVisible();
	await page.locator(`#${CONTROL_FIELDS.answer}`).fill(String(await answerOf(page)));
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
}

/**
 * Fills the honeypot wherever the page has it, as a password manager or an over-eager autofill
 * would: straight into the field's value, although nobody can see or reach it.
 */
export async function fillHoneypot(page: Page, value: string) {
	const count = await page
		.locator(`[name="${CONTROL_FIELDS.honeypot}"]`)
		.evaluateAll((fields, v) => {
			for (const field of fields as HTMLInputElement[]) field.value = v;
			return fields.length;
		}, value);
	expect(count, 'the page has the hidden field').toBeGreaterThan(0);
}
