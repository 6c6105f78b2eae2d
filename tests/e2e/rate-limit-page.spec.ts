/**
 * A form refused for too many posts (429) keeps its answers: the page says how long to wait,
 * carries every answer as a hidden field with a button that sends them again, and links back
 * to the form. Sent again (here from another address, so the limit does not apply), the kept
 * answers are accepted as they are.
 */
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { startApp, type AppServer } from '../fixtures/app-server.ts';
import { DANISH, type Answers } from '../fixtures/concern-answers.ts';
import { translatorFor } from '../unit/content-files.ts';
import { fillStepByStep, reachForm } from './notify-helpers.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

const GERMAN: Answers = {
	...DANISH,
	locale: 'de',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	officeEmail: 'kinderschutz@musterstadt.example.org',
	// Markup in an answer must come back as the hidden field's value, not as markup of the page.
	fields: {
		...DANISH.fields,
		observation: `${DANISH.fields['observation']} "><img src=x onerror=alert(1)> & <script>alert(1)</script>`,
	},
};

test.describe.configure({ mode: 'serial' });

let app: AppServer;
test.beforeAll(async () => {
	app = await startApp({ RATE_LIMIT_PER_MINUTE: '1' });
});
test.afterAll(() => app?.kill());

/** A form post from a chosen local address; answers with status and Location. */
function postFrom(
	localAddress: string,
	path: string,
	body: string,
): Promise<{ status: number; location: string | undefined }> {
	const url = new URL(path, app.url);
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress,
				headers: {
					Origin: app.url,
					'Content-Type': 'application/x-www-form-urlencoded',
					'Content-Length': String(Buffer.byteLength(body)),
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

test('the 429 page keeps the answers, sends them again with one button and links back to the form', async ({
	page,
}) => {
	await reachForm(page, app.url, GERMAN);
	await fillStepByStep(page, GERMAN);
	// Someone else on the same address used up this minute's post.
	expect((await postFrom('127.0.0.1', '/de/notify/?_action=notify', 'x=1')).status).not.toBe(429);
	const [refused] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.locator(`button[name="${CONTROL_FIELDS.confirm}"]`).click(),
	]);
	expect(refused.status()).toBe(429);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.locator('h1')).toHaveText('Bitte warten Sie einen Moment');
	await expect(page.locator('h1 + p')).toHaveText(
		translatorFor('de')('rate.text', { count: Number(refused.headers()['retry-after']) }),
	);
	await expect(page.locator('img, script')).toHaveCount(0);

	// Every answer is on the page, ready to go again to the same address.
	const form = page.locator('form[method="post"]');
	await expect(form).toHaveAttribute('action', '/de/notify/?_action=notify');
	await expect(form.locator('input[name="observation"]')).toHaveValue(
		String(GERMAN.fields['observation']),
	);
	await expect(form.locator('input[name="reporterEmail"]')).toHaveValue(
		String(GERMAN.fields['reporterEmail']),
	);
	await expect(form.locator(`input[name="${CONTROL_FIELDS.confirm}"]`)).toHaveValue('1');
	await expect(form.getByRole('button', { name: 'Erneut senden' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Zurück zum Anfang des Formulars' })).toHaveAttribute(
		'href',
		'/de/notify/',
	);
	// The button's post keeps its Origin (the server's default referrer policy would send "null").
	await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'same-origin');

	// Sent again, the kept answers are accepted as they are.
	const kept = await form
		.locator('input[type="hidden"]')
		.evaluateAll((inputs) =>
			inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]),
		);
	const again = await postFrom(
		'127.0.0.2',
		'/de/notify/?_action=notify',
		new URLSearchParams(kept).toString(),
	);
	expect(again.status).toBe(303);
	expect(again.location).toMatch(/^\/de\/notify\/sent\/\?token=/);
});

test('a post the page cannot keep (not URL-encoded) gets the short page, without its content', async () => {
	const send = () => {
		const body = new FormData();
		body.append('observation', 'Zq7marker');
		return fetch(`${app.url}/de/notify/?_action=notify`, {
			method: 'POST',
			headers: { Origin: app.url },
			body,
		});
	};
	await send();
	const answer = await send();
	expect(answer.status).toBe(429);
	const html = await answer.text();
	expect(html).not.toContain('Zq7marker');
	expect(html).not.toContain('<form');
	expect(html).toContain('href="/de/"');
});
