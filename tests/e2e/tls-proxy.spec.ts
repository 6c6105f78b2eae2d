/**
 * The deployment the README documents: a TLS-terminating reverse proxy (nginx, self-signed
 * certificate) in front of the server, TRUST_PROXY set. Chromium sends concerns and bookings
 * through https:// with and without JavaScript; posts from other sites are still refused.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { expect, test, type Browser } from '@playwright/test';
import { startAppWithResend, type AppWithResend } from '../fixtures/app-server.ts';
import { BOOKINGS } from '../fixtures/booking-answers.ts';
import { DANISH, HUNGARIAN, formBody } from '../fixtures/concern-answers.ts';
import { startTlsProxy, type TlsProxy } from '../fixtures/tls-proxy.ts';
import { chooseSlot, fillAboutYou, reachSlots } from './consultation-helpers.ts';
import { passHumanCheck } from './human-check.ts';
import { fillAllAtOnce, fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

test.describe.configure({ mode: 'serial' });

let setup: AppWithResend;
let proxy: TlsProxy;
test.beforeAll(async () => {
	setup = await startAppWithResend({ TRUST_PROXY: '1' });
	proxy = await startTlsProxy(setup.app.url);
});
test.afterAll(async () => {
	await proxy?.stop();
	await setup?.stop();
});

const browse = (browser: Browser, javaScriptEnabled: boolean) =>
	browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled });

/** Waits until the office copy and the professional's copy of a reference have arrived. */
const delivered = (reference: string) =>
	setup.resend.waitFor((all) => all.filter((e) => e.subject.includes(reference)).length === 2);

test('with JavaScript: a concern through https reaches the office', async ({ browser }) => {
	const context = await browse(browser, true);
	const page = await context.newPage();
	await reachForm(page, proxy.url, DANISH);
	await fillStepByStep(page, DANISH);
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	const reference = (await page.locator('.reference strong').innerText()).trim();
	await delivered(reference);
	await context.close();
});

test('without JavaScript: a concern through https reaches the office', async ({ browser }) => {
	const context = await browse(browser, false);
	const page = await context.newPage();
	await reachForm(page, proxy.url, HUNGARIAN);
	await fillAllAtOnce(page, HUNGARIAN);
	await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
	await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
	await passHumanCheck(page);
	const reference = (await page.locator('.reference strong').innerText()).trim();
	await delivered(reference);
	await context.close();
});

for (const javaScriptEnabled of [true, false]) {
	test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: a booking through https is confirmed and both e-mails go out`, async ({
		browser,
	}) => {
		const context = await browse(browser, javaScriptEnabled);
		const page = await context.newPage();
		const b = javaScriptEnabled ? BOOKINGS.de : BOOKINGS.da;
		await reachSlots(page, proxy.url, b);
		await chooseSlot(page, javaScriptEnabled ? 'first' : 'last');
		await fillAboutYou(page, b);
		await page.locator(`button[name="${CONTROL_FIELDS.review}"]`).click();
		await page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click();
		if (!javaScriptEnabled) await passHumanCheck(page);
		const reference = (await page.locator('.reference strong').innerText()).trim();
		await delivered(reference);
		await context.close();
	});
}

test('through the proxy, a post from another site is refused (403) and HSTS is sent', async () => {
	const body = formBody(DANISH, randomUUID()).toString();
	const post = (origin: string) =>
		new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
			const req = request(
				`${proxy.url}/da/notify/?_action=notify`,
				{
					method: 'POST',
					rejectUnauthorized: false,
					headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
				},
				(res) => {
					res.resume();
					res.on('end', () =>
						resolve({
							status: res.statusCode!,
							hsts: res.headers['strict-transport-security'] as string | undefined,
						}),
					);
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	const foreign = await post('https://attacker.example.com');
	expect(foreign.status).toBe(403);
	// The same origin seen over plain http (a downgrade) is not this site either.
	expect((await post(proxy.url.replace('https:', 'http:'))).status).toBe(403);
	const own = await post(proxy.url);
	expect(own.status).not.toBe(403);
	expect(own.hsts).toMatch(/max-age=\d+/);
});
