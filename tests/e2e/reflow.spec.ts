/**
 * Reflow (WCAG 2.2 SC 1.4.10) on every page and every form step: at 320 px nothing scrolls
 * sideways and no text is cut off; guidance pages also at 640 px (200 % zoom on a 1280 px
 * screen). One test per locale and flow, so each stays short.
 */
import { expect, test, type Page } from '@playwright/test';
import { LOCALES, type Locale } from '../../src/lib/locales.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { BULGARIAN, DANISH, HUNGARIAN, type Answers } from '../fixtures/concern-answers.ts';
import { fillAboutYou, reachSlots, showLaterDays } from './consultation-helpers.ts';
import { passHumanCheck } from './human-check.ts';
import { fillAllAtOnce, fillStepByStep, reachForm } from './notify-helpers.ts';
import { NARROW, reflowProblems, ZOOMED } from './reflow.ts';
import { allPages, pageGroups, pagesIn } from './site-pages.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const CONCERNS: Record<Locale, Answers> = {
	en: { ...DANISH, locale: 'en' },
	de: {
		...HUNGARIAN,
		locale: 'de',
		country: 'DE',
		area: '07743',
		officeId: 'de-musterstadt',
		officeEmail: 'kinderschutz@musterstadt.example.org',
	},
	da: DANISH,
	bg: BULGARIAN,
	hu: HUNGARIAN,
};

/** Collects the problems of the page as it is now, labelled with the step. */
async function check(page: Page, label: string, problems: string[]) {
	for (const p of await reflowProblems(page)) problems.push(`${label}: ${p}`);
}

// One test per locale × country (and per locale for the pages outside a country), so each stays short.
for (const group of pageGroups()) {
	test(`every page reflows at 320 px and at 640 px: ${group.name}`, async ({ page, request }) => {
		const paths = pagesIn(await allPages(request), group);
		expect(paths.length).toBeGreaterThan(0);
		const problems: string[] = [];
		// Loaded once at 320 px, then widened: the layout follows the viewport (guidance pages run
		// no script that could have read its size at load).
		for (const path of paths) {
			await page.setViewportSize(NARROW);
			await page.goto(path);
			await check(page, `${NARROW.width} px ${path}`, problems);
			await page.setViewportSize(ZOOMED);
			await check(page, `${ZOOMED.width} px ${path}`, problems);
		}
		const pages = new Set(problems.map((p) => p.split(':')[0]));
		console.log(
			`reflow ${group.name}: ${paths.length * 2} page views, ${pages.size} with problems${pages.size ? `: ${[...pages].join(', ')}` : ''}`,
		);
		expect(problems).toEqual([]);
	});
}

for (const locale of LOCALES) {
	test(`${locale}: the menu, opened on a phone, reflows at 320 px`, async ({ page }) => {
		const problems: string[] = [];
		await page.setViewportSize(NARROW);
		await page.goto(`/${locale}/de/doubt/`);
		await page.locator('.menu__toggle').click();
		await expect(page.locator('.site-nav')).toBeVisible();
		await check(page, `320 px /${locale}/de/doubt/ with the menu open`, problems);
		expect(problems).toEqual([]);
	});

	test(`${locale}: every step of the concern form reflows at 320 px, with and without JavaScript`, async ({
		page,
		browser,
	}) => {
		const answers = CONCERNS[locale];
		const problems: string[] = [];
		await page.setViewportSize(NARROW);
		await page.goto(`/${locale}/notify/`);
		await check(page, 'emergency check', problems);
		await page.goto(`/${locale}/notify/?danger=yes`);
		await check(page, 'emergency stop', problems);
		await page.goto(`/${locale}/notify/?danger=no&country=${answers.country}&area=99999`);
		await check(page, 'area not served', problems);
		await reachForm(page, '', answers);
		await check(page, 'first step', problems);
		await fillStepByStep(page, answers);
		await check(page, 'check your answers', problems);
		await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
		await expect(page.locator('.reference strong')).toBeVisible();
		await check(page, 'confirmation', problems);

		// Without JavaScript (the island's code blocked): the whole form, its errors, the review, the question step.
		const context = await browser.newContext({ viewport: NARROW });
		await context.route('**/_astro/**', (route) => route.abort());
		const plain = await context.newPage();
		await reachForm(plain, '', answers);
		await plain.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
		await expect(plain.locator('.error-summary')).toBeVisible();
		await check(plain, 'no JS: errors', problems);
		await fillAllAtOnce(plain, answers);
		await plain.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
		await expect(plain.locator('#section-review-title')).toBeVisible();
		await check(plain, 'no JS: check your answers', problems);
		await plain.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
		await expect(plain.locator('#human-check-title')).toBeVisible();
		await check(plain, 'no JS: question step', problems);
		await passHumanCheck(plain);
		await expect(plain.locator('.reference strong')).toBeVisible();
		await check(plain, 'no JS: confirmation', problems);
		await context.close();
		expect(problems).toEqual([]);
	});

	test(`${locale}: every step of the booking reflows at 320 px`, async ({ page }) => {
		const b = BOOKINGS[locale];
		const problems: string[] = [];
		await page.setViewportSize(NARROW);
		await page.goto(`/${locale}/consultation/`);
		await check(page, 'which office', problems);
		await page.goto(
			`/${locale}/consultation/?country=${b.country}&area=${encodeURIComponent(b.area)}`,
		);
		await check(page, 'way of talking', problems);
		await reachSlots(page, '', b);
		await check(page, 'free times', problems);
		// A time in the middle of the list: other tests book the first and the last at the same offices.
		const slots = page.locator('input[name="slot"]');
		const slot = slots.nth(Math.floor((await slots.count()) / 2) + LOCALES.indexOf(locale));
		await showLaterDays(page, slot);
		await check(page, 'later days shown', problems);
		await slot.check();
		await page.locator('form.slot-picker button[type="submit"]').click();
		await expect(page.locator('#reporterName')).toBeVisible();
		await page.waitForLoadState('networkidle');
		await check(page, 'about you', problems);
		await fillAboutYou(page, {
			...b,
			fields: { ...b.fields, description: `${b.fields['description']} mail@example.org` },
		});
		await expect(page.locator('#personal-data-warning')).toBeVisible();
		await check(page, 'personal-data warning', problems);
		await page.locator('#description').fill(b.fields['description']!);
		await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
		await expect(page.locator('#section-review-title')).toBeVisible();
		await check(page, 'check your booking', problems);
		await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
		await expect(page.locator('.reference strong')).toBeVisible();
		await check(page, 'confirmation', problems);
		await page.locator('a[href*="/consultation/cancel/"]').click();
		await check(page, 'cancel: question', problems);
		await page.locator('form button[type="submit"]').click();
		await expect(page.locator('.panel[role="status"]')).toBeVisible();
		await check(page, 'cancel: done', problems);
		expect(problems).toEqual([]);
	});
}
