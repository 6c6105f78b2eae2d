/**
 * The concern form as a visitor meets it, in every locale: each step, the error state and the
 * confirmation pass axe (WCAG 2.2 AA); errors are summarised, linked and focused; the steps
 * work with and without JavaScript; the draft stays in the tab only.
 */
import { passHumanCheck } from './human-check.ts';
import { expect, test, type Page } from '@playwright/test';
import { BULGARIAN, DANISH, HUNGARIAN, type Answers } from '../fixtures/concern-answers.ts';
import { expectNoAxeViolations } from './axe.ts';
import { fillAllAtOnce, fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const GERMAN: Answers = {
	...HUNGARIAN,
	locale: 'de',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	officeEmail: 'kinderschutz@musterstadt.example.org',
};
const ENGLISH: Answers = { ...DANISH, locale: 'en' };
const BY_LOCALE = [ENGLISH, GERMAN, DANISH, BULGARIAN, HUNGARIAN];

/**
 * Without JavaScript, one test per step (or a few steps reached the same way), so each stays
 * short: a test walks to its step without checking the steps before, which have tests of their
 * own. axe needs script in the page, so instead of switching JavaScript off the island's code is
 * blocked: the page behaves as without JavaScript (plain form posts), and axe can run.
 */
for (const answers of BY_LOCALE) {
	const { locale } = answers;

	test.describe(`${locale} without JavaScript`, () => {
		test.beforeEach(async ({ context }) => {
			await context.route('**/_astro/**', (route) => route.abort());
		});

		/** The whole form filled in and sent for review. */
		const toReview = async (page: Page) => {
			await reachForm(page, '', answers);
			await fillAllAtOnce(page, answers);
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#section-review-title')).toBeVisible();
		};

		test('the emergency check, the stop for danger and an area not served pass axe', async ({
			page,
		}) => {
			await page.goto(`/${locale}/notify/`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			expect((await page.request.get(`/${locale}/notify/`)).headers()['cache-control']).toBe(
				'no-store',
			);
			await expectNoAxeViolations(page, 'emergency check');

			await page.locator('#danger-yes').check();
			await page.locator('form.question button').click();
			await expect(page.locator('.panel--danger a[href="tel:112"]')).toBeVisible();
			await expectNoAxeViolations(page, 'emergency stop');

			await page.goto(`/${locale}/notify/?danger=no&country=${answers.country}&area=99999`);
			await expect(page.locator('.panel[role="status"]')).toBeVisible();
			await expectNoAxeViolations(page, 'area not served');
		});

		test('the whole form and its error state pass axe; errors are summarised, linked and focused', async ({
			page,
		}) => {
			await reachForm(page, '', answers);
			await expectNoAxeViolations(page, 'whole form');

			const response = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click(),
			]);
			expect(response[0].status()).toBe(400);
			const summary = page.locator('.error-summary');
			await expect(summary).toBeFocused();
			await expect(summary.locator('a[href="#observation"]')).toBeVisible();
			await expect(page.locator('#observation-error')).toBeVisible();
			await expect(page.locator('#observation')).toHaveAttribute(
				'aria-describedby',
				'observation-hint observation-error',
			);
			await expect(page.locator('#observation')).toHaveAttribute('aria-invalid', 'true');
			await expectNoAxeViolations(page, 'error state');
		});

		test('"check your answers" passes axe, and "change" goes back with every answer kept', async ({
			page,
		}) => {
			await toReview(page);
			await expectNoAxeViolations(page, 'check your answers');
			await page.locator(`button[name="${CONTROL_FIELDS.change}"][value="observation"]`).click();
			await expect(page.locator('#observation')).toHaveValue(String(answers.fields['observation']));
			await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
			await expect(page.locator('#section-review-title')).toBeVisible();
		});

		test('the question step (no proof of work without JavaScript) passes axe, with a wrong answer too', async ({
			page,
		}) => {
			await toReview(page);
			await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
			await expect(page.locator('#human-check-title')).toBeFocused();
			await expectNoAxeViolations(page, 'question step');
			await page.locator(`#${CONTROL_FIELDS.answer}`).fill('99');
			const [wrong] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click(),
			]);
			expect(wrong.status()).toBe(400);
			await expect(page.locator('.error-summary')).toBeFocused();
			await expect(page.locator(`#${CONTROL_FIELDS.answer}`)).toHaveAttribute(
				'aria-invalid',
				'true',
			);
			await expectNoAxeViolations(page, 'question step, wrong answer');
			await passHumanCheck(page);
			await expect(page.locator('.reference strong')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		});

		test('a concern is sent: the confirmation passes axe', async ({ page }) => {
			await toReview(page);
			await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
			await passHumanCheck(page);
			await expect(page.locator('.reference strong')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
			await expectNoAxeViolations(page, 'confirmation');
		});
	});
}

test('with JavaScript: one step at a time, errors per step take focus, every step passes axe', async ({
	page,
}) => {
	await reachForm(page, '', GERMAN);
	const progress = page.locator('.progress');
	await expect(progress).toHaveText(/3.*7/);
	await expect(page.locator('#section-observation')).toBeHidden();
	await page.locator('#childAge').fill('31');
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('.error-summary a[href="#childAge"]')).toBeVisible();
	await expect(page.locator('.error-summary a[href="#interpreter-yes"]')).toBeVisible();
	await expectNoAxeViolations(page, 'step with errors');
	await page.locator('.error-summary a[href="#childAge"]').click();
	await expect(page.locator('#childAge')).toBeFocused();
	await page.locator('#childAge').fill('8');
	await page.locator('#interpreter-no').check();
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-observation-title')).toBeFocused();
	await expect(progress).toHaveText(/4.*7/);
	await expectNoAxeViolations(page, 'second step');
	// "Back" returns with the answers kept.
	await page.getByRole('button', { name: /Zurück/ }).click();
	await expect(page.locator('#childAge')).toHaveValue('8');
});

test('with JavaScript: the draft survives a reload in the same tab and is gone after sending', async ({
	page,
}) => {
	await reachForm(page, '', GERMAN);
	// The draft is the island's: wait until it has taken over the form (it shows the progress).
	await expect(page.locator('.concern-form .progress')).toBeVisible();
	await page.locator('#childName').fill('Entwurf Kind');
	await page.locator('#childAge').fill('5');
	const draft = await page.evaluate(() => sessionStorage.getItem('concern-draft'));
	expect(draft).toContain('Entwurf Kind');
	expect(await page.evaluate(() => localStorage.length), 'nothing in localStorage').toBe(0);
	expect((await page.context().cookies()).length, 'no cookies').toBe(0);
	await page.reload();
	await expect(page.locator('#childName')).toHaveValue('Entwurf Kind');
	await fillStepByStep(page, {
		...GERMAN,
		fields: { ...GERMAN.fields, childName: 'Entwurf Kind' },
	});
	await expectNoAxeViolations(page, 'check your answers (island)');
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	await expect(page.locator('.reference strong')).toBeVisible();
	// The confirmation page's script removes it once it has run.
	await expect.poll(() => page.evaluate(() => sessionStorage.getItem('concern-draft'))).toBeNull();
});

test('the form page stays within its JavaScript budget', async ({ page }) => {
	let scriptBytes = 0;
	page.on('response', async (r) => {
		if (r.request().resourceType() === 'script')
			scriptBytes += Number((await r.request().sizes()).responseBodySize);
	});
	await reachForm(page, '', GERMAN);
	await page.waitForLoadState('networkidle');
	// The uncompressed size stays below what the 25 KB gzip budget allows (measured: npm run bench:pages).
	expect(scriptBytes).toBeGreaterThan(0);
	expect(scriptBytes).toBeLessThan(80 * 1024);
});
