/**
 * Moving through the concern form as people do: "Change" on the check page returns to it, the
 * browser's Back button goes from step to step, and the answer to a sent form is a redirect to
 * a confirmation page – reloading or going back sends nothing again – which shows what was
 * stored, not what was posted.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
	DANISH,
	postConcern,
	referenceIn,
	formBody,
	type Answers,
} from '../fixtures/concern-answers.ts';
import { guardFields } from '../fixtures/guard-fields.ts';
import { fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const GERMAN: Answers = {
	...DANISH,
	locale: 'de',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	officeEmail: 'kinderschutz@musterstadt.example.org',
};

test('with JavaScript: "Change" on the check page returns to it, and Back goes from step to step', async ({
	page,
}) => {
	await reachForm(page, '', GERMAN);
	await fillStepByStep(page, GERMAN);
	const progress = page.locator('.concern-form .progress');
	await expect(progress).toHaveText(/7.*7/);

	// Change the observation: Continue comes straight back to the check page, with the new answer.
	await page
		.locator('#section-review button', { hasText: /Ändern/ })
		.nth(1)
		.click();
	await expect(page.locator('#section-observation-title')).toBeFocused();
	await page.locator('#observedWhen').fill('seit zwei Wochen, jeden Morgen');
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await expect(page.locator('#section-review-title')).toBeFocused();
	await expect(page.locator('#section-review')).toContainText('seit zwei Wochen, jeden Morgen');

	// The browser's Back button: the step before the check page, then the one before that – still the form.
	const url = page.url();
	await page.goBack();
	await expect(progress).toHaveText(/4.*7/); // the observation step, where "Change" led
	await page.goForward();
	await expect(page.locator('#section-review-title')).toBeVisible();
	// The page's own Back button does the same.
	await page.locator('button', { hasText: /^Zurück$/ }).click();
	await expect(progress).toHaveText(/4.*7/);
	expect(page.url()).toBe(url);
	// One more: the check page as it was before "Change", then the last step.
	await page.goBack();
	await expect(page.locator('#section-review-title')).toBeVisible();
	await page.goBack();
	await expect(progress).toHaveText(/6.*7/);
	await expect(page.locator('#reporterName')).toHaveValue(String(GERMAN.fields['reporterName']));
});

test('with JavaScript: the sent form is answered with a redirect; reload and Back send nothing again', async ({
	page,
	baseURL,
}) => {
	await reachForm(page, '', GERMAN);
	const formUrl = page.url();
	await fillStepByStep(page, GERMAN);
	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click(),
	]);
	expect(post.status()).toBe(303);
	await expect(page).toHaveURL(/\/de\/notify\/sent\/\?token=/);
	const reference = (await page.locator('.reference strong').innerText()).trim();
	expect(post.headers()['location']).toContain('/de/notify/sent/?token=');

	// Reloading is a GET: the same confirmation, nothing posted.
	let posts = 0;
	page.on('request', (r) => void (r.method() === 'POST' && posts++));
	await page.reload();
	await expect(page.locator('.reference strong')).toHaveText(reference);
	// Back leads to the form page, not to a "Confirm form resubmission" page.
	await page.goBack();
	expect(page.url().split('?')[0]).toBe(formUrl.split('?')[0]);
	await expect(page.locator('h1')).toBeVisible();
	expect(posts).toBe(0);
	expect(new URL(baseURL!).origin).toBe(new URL(page.url()).origin);
});

test('the confirmation shows what was stored: the same submission posted again with other text shows the first', async ({
	request,
}) => {
	const id = randomUUID();
	const guard = await guardFields(new URL(test.info().project.use.baseURL!).origin);
	const base = new URL(test.info().project.use.baseURL!).origin;
	const first = await postConcern(base, GERMAN, id, {}, guard);
	expect(first.status).toBe(200);
	const changed = await postConcern(
		base,
		{
			...GERMAN,
			fields: { ...GERMAN.fields, observation: 'Ganz anderer Text, nachträglich geändert.' },
		},
		id,
		{},
		await guardFields(base),
	);
	expect(referenceIn(changed.html)).toBe(referenceIn(first.html));
	expect(changed.html).toContain(
		String(GERMAN.fields['observation'])
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;'),
	);
	expect(changed.html).not.toContain('Ganz anderer Text');
	// A damaged or made-up confirmation address shows no answers.
	for (const token of [
		'nonsense',
		`${Buffer.from('["sent","x/ABCD-EFGH/de-musterstadt",9999999999999]').toString('base64url')}.forged`,
	]) {
		const response = await request.get(`/de/notify/sent/?token=${token}`);
		expect(response.status()).toBe(400);
		const html = await response.text();
		expect(referenceIn(html)).toBeUndefined();
		expect(html).not.toContain(String(GERMAN.fields['reporterName']));
	}
	// The post itself is answered with 303 and the confirmation's address, not with the page.
	const raw = await fetch(`${base}/de/notify/?_action=notify`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base },
		body: formBody(GERMAN, randomUUID(), await guardFields(base)),
	});
	expect(raw.status).toBe(303);
	expect(raw.headers.get('location')).toMatch(/^\/de\/notify\/sent\/\?token=[\w-]+\.[\w-]+$/);
});
