/**
 * The office's half, end to end in Chromium with a virtual passkey: concerns sent in Danish reach
 * the office as a notice without content, the case worker signs in with a passkey, finds the
 * urgent one on top, opens it, acknowledges it, and the professional's receipt arrives in Danish.
 */
import { randomUUID } from 'node:crypto';
import { get } from 'node:http';
import { expect, test } from '@playwright/test';
import { DANISH, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import {
	addPerson,
	auditRows,
	enrol,
	latestLink,
	marked,
	officeCommand,
	passkeyContext,
	signedInPerson,
	signIn,
	startOfficeApp,
	type OfficeApp,
} from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

/** Bytes on the wire for a page, gzip accepted, as a browser counts them. */
function transferred(path: string, cookie?: string): Promise<number> {
	return new Promise((resolve, reject) => {
		get(
			`${office.url}${path}`,
			{
				headers: {
					'Accept-Encoding': 'gzip',
					...(cookie ? { Cookie: `office-session=${cookie}` } : {}),
				},
			},
			(res) => {
				let bytes = 0;
				res.on('data', (chunk: Buffer) => (bytes += chunk.length));
				res.on('end', () => resolve(bytes));
			},
		).on('error', reject);
	});
}

let office: OfficeApp;
test.beforeAll(async () => {
	office = await startOfficeApp();
});
test.afterAll(() => office?.stop());

test('a concern in Danish: notice without content to the office, passkey sign-in, urgent on top, open, acknowledge, receipt in Danish', async ({
	browser,
}) => {
	const urgent = marked(DANISH, 'u', 'today');
	const later = marked(DANISH, 'n', 'not-urgent');
	const urgentId = randomUUID();
	const laterId = randomUUID();
	// The urgent one first: the newer, not urgent one must not push it down.
	const sentUrgent = await postConcern(office.app.url, urgent.answers, urgentId);
	const sentLater = await postConcern(office.app.url, later.answers, laterId);
	expect([sentUrgent.status, sentLater.status]).toEqual([200, 200]);
	const urgentRef = referenceIn(sentUrgent.html)!;
	const laterRef = referenceIn(sentLater.html)!;

	const notices = await office.resend.waitFor(
		(all) => all.filter((e) => e.to.includes(DANISH.officeEmail)).length >= 2,
	);
	const toOffice = notices.filter((e) => e.to.includes(DANISH.officeEmail));
	const urgentNotice = toOffice.find((e) => e.subject.includes(urgentRef))!;
	expect(urgentNotice.subject).toMatch(/^HASTER/);
	expect(toOffice.find((e) => e.subject.includes(laterRef))!.subject).not.toMatch(/HASTER/);
	expect(urgentNotice.text).toContain('/office/');
	for (const mail of toOffice) {
		for (const marker of [...urgent.markers, ...later.markers]) {
			expect(
				`${mail.subject}\n${mail.text}\n${mail.html}`,
				`office e-mail ${mail.subject}`,
			).not.toContain(marker);
		}
		expect(mail.reply_to, 'no notifier address to reply to').toBeUndefined();
	}

	const worker = await signedInPerson(browser, office, {
		email: 'sagsbehandler@eksempelby.example.org',
		name: 'Sofie Sagsbehandler',
		office: 'dk-eksempelby',
		locale: 'da',
	});
	const { page } = worker;
	await expect(page.locator('html')).toHaveAttribute('lang', 'da');
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText(urgentRef);
	await expect(rows.nth(0)).toContainText('Haster');
	await expect(rows.nth(1)).toContainText(laterRef);
	await expect(rows.nth(0)).toContainText('Ny');
	// The next open deadline: the Danish 24-hour assessment, not yet overdue.
	await expect(rows.nth(1)).toContainText('Vurdering, senest');
	await expect(page.locator('tbody')).not.toContainText('Overskredet');

	// A new session from the passkey alone: sign out, sign in again.
	await page.getByRole('button', { name: 'Log ud' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du er logget ud');
	await signIn(page, office);

	const opened = Date.now();
	await page.getByRole('link', { name: urgentRef }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(urgentRef);
	const openMs = Date.now() - opened;
	await expect(page.locator('main')).toContainText(urgent.markers[0]!);

	await page.getByRole('button', { name: 'Kvittér for modtagelsen' }).click();
	await expect(page.getByRole('status')).toContainText('Kvitteret');
	await expect(page.locator('main')).toContainText('Kvitteret');

	const receipts = await office.resend.waitFor((all) =>
		all.some((e) => e.idempotencyKey === `${urgentId}:concern-acknowledged`),
	);
	const receipt = receipts.find((e) => e.idempotencyKey === `${urgentId}:concern-acknowledged`)!;
	expect(receipt.to).toEqual([DANISH.fields['reporterEmail']]);
	expect(receipt.subject).toBe(`Din underretning ${urgentRef} er modtaget af myndigheden`);
	expect(receipt.text).toContain('modtog din underretning den');
	for (const marker of urgent.markers.slice(0, 4)) expect(receipt.text).not.toContain(marker);

	// Acknowledging twice (a double click, a reload of the form) sends one receipt.
	const again = await page.request.post(`${office.url}/office/concerns/${urgentRef}/`, {
		form: { intent: 'acknowledge' },
		headers: { Origin: office.url },
		maxRedirects: 0,
	});
	expect(again.status()).toBe(303);

	await page.getByLabel('Under vurdering').check();
	await page.getByRole('button', { name: 'Gem status' }).click();
	await expect(page.getByRole('status')).toContainText('Status gemt');

	await page.getByRole('link', { name: 'Tilbage til indbakken' }).click();
	await expect(rows.nth(0)).toContainText('Under vurdering');
	// Acknowledged and in assessment: both Danish deadlines are met.
	await expect(rows.nth(0)).toContainText('Ingen åbne');
	await expect(rows.nth(1)).toContainText('Ny');

	const audit = auditRows(office.app.dataDir).filter((r) => r.reference === urgentRef);
	expect(audit.map((r) => r.action)).toEqual(['view', 'acknowledge', 'view', 'status', 'view']);
	expect(audit.find((r) => r.action === 'status')!.detail).toBe('in-assessment');
	const everything = JSON.stringify(auditRows(office.app.dataDir));
	for (const marker of [...urgent.markers, ...later.markers])
		expect(everything).not.toContain(marker);
	expect(
		office.resend.emails.filter((e) => e.idempotencyKey === `${urgentId}:concern-acknowledged`),
	).toHaveLength(1);

	// Figures for the README (opening the concern once more is one more view).
	const cookie = (await worker.context.cookies()).find((c) => c.name === 'office-session')!.value;
	const weights = await Promise.all([
		transferred('/office/', cookie),
		transferred(`/office/concerns/${urgentRef}/`, cookie),
		transferred('/office/sign-in/'),
	]);
	console.info(
		`office workspace: open a concern ${openMs} ms (click to rendered page); transferred (gzip) inbox ${weights[0]} B, concern ${weights[1]} B, sign-in page ${weights[2]} B plus its script`,
	);
	await worker.context.close();
});

test('an e-mailed link never signs in a person who has a passkey, and is used once', async ({
	browser,
}) => {
	const person = {
		email: 'links@eksempelby.example.org',
		name: 'Lars Link',
		office: 'dk-eksempelby',
		locale: 'da',
	} as const;
	const first = await addPerson(office, person);
	expect(officeCommand(office, ['link', '--email', person.email]).status).toBe(0);
	const second = await latestLink(office, person.email, 2);
	const { page, context } = await passkeyContext(browser);
	await enrol(page, first);
	await context.close();

	// The second link is still unused and unexpired, but its person has a passkey now.
	const outsider = await browser.newContext();
	const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
	const use = (link: string) =>
		outsider.request.post(`${office.url}/office/link/`, {
			form: { token: tokenOf(link) },
			headers: { Origin: office.url },
			maxRedirects: 0,
		});
	const refused = await use(second);
	expect(refused.status()).toBe(403);
	expect(refused.headers()['set-cookie'] ?? '').not.toContain('office-session=');
	const noLink = officeCommand(office, ['link', '--email', person.email]);
	expect(noLink.status).toBe(2);
	expect(noLink.output).toContain('has a passkey');

	// Recovery: the operator removes the lost passkey; the new link enrols a new one, once.
	const reset = officeCommand(office, ['reset', '--email', person.email]);
	expect(reset.status, reset.output).toBe(0);
	const third = await latestLink(office, person.email, 3);
	expect((await use(third)).status()).toBe(303);
	expect((await use(third)).status()).toBe(410);
	await outsider.close();
});

test('a passkey answer counts once: replayed, it signs nobody in', async ({
	browser,
	playwright,
}) => {
	const { context, page } = await signedInPerson(browser, office, {
		email: 'replay@eksempelby.example.org',
		name: 'Rita Replay',
		office: 'dk-eksempelby',
	});
	await context.clearCookies();
	const posted = page.waitForRequest(
		(r) => r.method() === 'POST' && r.url().endsWith('/office/sign-in/'),
	);
	await signIn(page, office);
	const body = (await posted).postData()!;
	expect(new URLSearchParams(body).get('credential')).toMatch(/^\{/);
	const other = await playwright.request.newContext();
	const replay = await other.post(`${office.url}/office/sign-in/`, {
		data: body,
		headers: { Origin: office.url, 'Content-Type': 'application/x-www-form-urlencoded' },
		maxRedirects: 0,
	});
	expect(replay.status()).toBe(400);
	expect(replay.headers()['set-cookie'] ?? '').not.toContain('office-session=');
	await other.dispose();
	await context.close();
});
