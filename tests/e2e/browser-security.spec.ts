/**
 * What a browser is told and does: every page carries a strict Content-Security-Policy and the
 * other security headers, no page (forms and search at work included) violates its policy, and
 * nothing is requested from another origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { startApp } from '../fixtures/app-server.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { allPages, pageGroups, pagesIn } from './site-pages.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

/** Records CSP violations (reported in the page) and requests to other origins, across navigations. */
async function watch(page: Page, origin: string) {
	const problems: string[] = [];
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
		});
	});
	page.on('console', (m) => {
		if (/Content Security Policy|CSP violation/i.test(m.text()))
			problems.push(`${page.url()}: ${m.text()}`);
	});
	page.on('request', (r) => {
		if (new URL(r.url()).origin !== origin && !r.url().startsWith('data:'))
			problems.push(`${page.url()}: request to ${r.url()}`);
	});
	return problems;
}

function expectStrictHeaders(headers: Record<string, string>, path: string) {
	const csp = headers['content-security-policy'] ?? '';
	for (const directive of [
		"frame-ancestors 'none'",
		"object-src 'none'",
		"base-uri 'none'",
		"default-src 'self'",
	]) {
		expect(csp, `${path}: ${directive}`).toContain(directive);
	}
	expect(csp, `${path}: no unsafe-inline`).not.toContain('unsafe-inline');
	expect(headers['x-content-type-options'], path).toBe('nosniff');
	expect(headers['referrer-policy'], path).toBe('no-referrer');
	expect(headers['strict-transport-security'], `${path}: no HSTS over plain HTTP`).toBeUndefined();
}

for (const group of pageGroups()) {
	test(`every page: strict headers, no CSP violation, nothing from other origins: ${group.name}`, async ({
		page,
		request,
		baseURL,
	}) => {
		const problems = await watch(page, new URL(baseURL!).origin);
		const paths = pagesIn(await allPages(request), group);
		expect(paths.length).toBeGreaterThan(0);
		for (const path of paths) {
			const response = await page.goto(path);
			expectStrictHeaders(response!.headers(), path);
		}
		expect(problems).toEqual([]);
	});
}

test('the form pages: strict headers, no CSP violation, nothing from other origins', async ({
	page,
	baseURL,
}) => {
	const problems = await watch(page, new URL(baseURL!).origin);
	for (const path of [
		'/en/notify/',
		'/en/notify/?danger=no&country=DE&area=07743',
		'/de/consultation/?country=DE&area=07743',
	]) {
		const response = await page.goto(path);
		expectStrictHeaders(response!.headers(), path);
	}
	expect(problems).toEqual([]);
});

test("search at work (Pagefind's WebAssembly included): no CSP violation, nothing from other origins", async ({
	page,
	baseURL,
}) => {
	const problems = await watch(page, new URL(baseURL!).origin);
	await page.goto('/de/de/search/?q=Kita');
	await expect(page.locator('.search-results li').first()).toBeVisible();
	expect(problems).toEqual([]);
});

test('the forms at work: no CSP violation, no other origin, and no-store on every form page and answer', async ({
	page,
	baseURL,
}) => {
	const origin = new URL(baseURL!).origin;
	const problems = await watch(page, origin);
	const formResponses: { url: string; cacheControl: string | undefined; method: string }[] = [];
	page.on('response', (r) => {
		if (r.request().resourceType() === 'document')
			formResponses.push({
				url: r.url(),
				cacheControl: r.headers()['cache-control'],
				method: r.request().method(),
			});
	});

	// A booking with the island (its proof of work runs in a worker), then cancelled again.
	const b = BOOKINGS.hu;
	await reachSlots(page, '', b);
	await chooseSlot(page, 'last');
	await fillAboutYou(page, b);
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	await expect(page.locator('.reference strong')).toBeVisible();
	await page.locator('a[href*="/consultation/cancel/"]').click();
	await page.locator('form button[type="submit"]').click();
	await expect(page.locator('.panel[role="status"]')).toBeVisible();

	expect(problems).toEqual([]);
	expect(formResponses.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(3);
	for (const r of formResponses) expect(r.cacheControl, `${r.method} ${r.url}`).toBe('no-store');
});

test('HSTS is sent when served over HTTPS behind a trusted proxy, and only then', async () => {
	const app = await startApp({ TRUST_PROXY: '1' });
	try {
		const https = await fetch(`${app.url}/en/`, { headers: { 'X-Forwarded-Proto': 'https' } });
		expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		const plain = await fetch(`${app.url}/en/`);
		expect(plain.headers.get('strict-transport-security')).toBeNull();
	} finally {
		await app.kill();
	}
	// Without TRUST_PROXY a client cannot claim HTTPS.
	const direct = await startApp();
	try {
		const claimed = await fetch(`${direct.url}/en/`, { headers: { 'X-Forwarded-Proto': 'https' } });
		expect(claimed.headers.get('strict-transport-security')).toBeNull();
	} finally {
		await direct.kill();
	}
});
