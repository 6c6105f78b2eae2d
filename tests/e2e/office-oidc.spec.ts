/**
 * Single sign-on against a real OpenID provider (`oidc-provider`) started here: a person whose
 * groups map to an office signs in through the provider's login and consent pages and lands in
 * that office's inbox only; an account in no mapped group is refused without a session; a
 * replayed, forged or mismatched callback, the provider's own error and a provider that is gone
 * each get their page (400, 403, 503) and no session; so does a provider that does not answer.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test, type BrowserContext } from '@playwright/test';
import { DANISH, GERMAN, postConcern, referenceIn } from '../fixtures/concern-answers.ts';
import { startOidcProvider, type OidcProviderFixture } from '../fixtures/oidc-provider.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { expectNoAxeViolations } from './axe.ts';
import { startOfficeApp, type OfficeApp } from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

const CALLBACK = '/office/sign-in/oidc/callback/';
/** Keycloak-like group paths; one maps to the Danish office, the others to nothing. */
const GROUPS = {
	'/kommune/eksempelby/sagsbehandlere': 'dk-eksempelby:case-worker',
};

let provider: OidcProviderFixture;
let office: OfficeApp;
const references: Record<'dk' | 'de', string> = { dk: '', de: '' };
/** The first sign-in's callback, to replay. */
let callback: { url: string; flowCookie: string } | undefined;

test.beforeAll(async () => {
	test.setTimeout(40_000);
	provider = await startOidcProvider();
	office = await startOfficeApp({
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: provider.clientId,
		OIDC_CLIENT_SECRET: provider.clientSecret,
		OIDC_GROUPS: JSON.stringify(GROUPS),
	});
	for (const [key, answers] of [
		['dk', DANISH],
		['de', GERMAN],
	] as const) {
		const sent = await postConcern(office.app.url, answers, randomUUID());
		expect(sent.status).toBe(200);
		references[key] = referenceIn(sent.html)!;
	}
});
test.afterAll(async () => {
	await office?.stop();
	await provider?.close();
});

const store = () => new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly: true });

/** A browser that reaches nothing but this machine (the provider's pages ask for a web font). */
async function loopbackOnly(context: BrowserContext) {
	await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
}

/** From the sign-in page through the provider's login and consent pages, as `login`. */
async function signInThroughProvider(context: BrowserContext, login: string) {
	const page = await context.newPage();
	await page.goto(`${office.url}/office/sign-in/`);
	await page.getByRole('link', { name: "Sign in with your organisation's account" }).click();
	await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
	await page.locator('input[name="login"]').fill(login);
	// The development pages ask for a password and check none.
	await page.locator('input[name="password"]').fill('any');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	const response = page.waitForResponse((r) => r.url().startsWith(`${office.url}${CALLBACK}`));
	await page.getByRole('button', { name: 'Continue' }).click();
	return { page, callbackResponse: await response };
}

async function fetchManual(path: string, cookie?: string) {
	const response = await fetch(`${office.url}${path}`, {
		headers: cookie ? { Cookie: cookie } : {},
		redirect: 'manual',
	});
	return { response, html: await response.text() };
}

/** A new flow as the browser would start it: its cookie and the state sent to the provider. */
async function startFlow() {
	const { response } = await fetchManual('/office/sign-in/oidc/');
	expect(response.status).toBe(303);
	const location = new URL(response.headers.get('location')!);
	expect(location.origin).toBe(provider.issuer);
	expect(location.searchParams.get('code_challenge_method')).toBe('S256');
	const setCookie = response.headers.get('set-cookie')!;
	expect(setCookie).toMatch(/HttpOnly/i);
	expect(setCookie).toMatch(/SameSite=Lax/i);
	expect(setCookie).toMatch(/Path=\/office\/sign-in\/oidc\//i);
	return { cookie: setCookie.split(';')[0]!, state: location.searchParams.get('state')! };
}

test('a provider that does not answer yet: 503 and a page, not an error; once it answers, the start works', async () => {
	const early = await fetchManual('/office/sign-in/oidc/');
	expect(early.response.status).toBe(503);
	expect(early.html).toContain('sign-in service cannot be reached just now');
	expect(early.response.headers.get('set-cookie')).toBeNull();
	provider.serve(`${office.url}${CALLBACK}`, {
		alice: {
			email: 'alice@eksempelby.example.org',
			name: 'Alice Eksempel',
			groups: ['/kommune/alle', '/kommune/eksempelby/sagsbehandlere'],
		},
		bob: { email: 'bob@example.org', name: 'Bob Outside', groups: ['/kommune/alle'] },
		// In the office's group, but the provider has not verified the address.
		carol: {
			email: 'carol@eksempelby.example.org',
			email_verified: false,
			name: 'Carol Unverified',
			groups: ['/kommune/eksempelby/sagsbehandlere'],
		},
	});
	// The failed discovery was not kept: this start reads the provider's metadata again.
	await startFlow();
});

test("a person in a mapped group signs in at the provider and sees their office's inbox only (no JavaScript needed)", async ({
	browser,
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	await loopbackOnly(context);
	const flowCookie = async () =>
		(await context.cookies(office.url)).find((c) => c.name === 'office-oidc')?.value;
	context.on('request', async (request) => {
		if (request.url().startsWith(`${office.url}${CALLBACK}`))
			callback = { url: request.url(), flowCookie: (await flowCookie()) ?? '' };
	});
	const { page, callbackResponse } = await signInThroughProvider(context, 'alice');
	expect(callbackResponse.status()).toBe(200);
	await expect(page).toHaveURL(`${office.url}/office/`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');
	await expect(page.getByText(references.dk)).toBeVisible();
	await expect(page.getByText(references.de)).toHaveCount(0);

	const session = (await context.cookies()).find((c) => c.name === 'office-session')!;
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
	expect(await flowCookie()).toBeUndefined();
	// Another office's concern is not there for them.
	const other = await page.goto(`${office.url}/office/concerns/${references.de}/`);
	expect(other?.status()).toBe(404);

	const db = store();
	const person = db
		.prepare('SELECT id, name FROM office_people WHERE email = ?')
		.get('alice@eksempelby.example.org') as { id: string; name: string };
	expect(person.name).toBe('Alice Eksempel');
	expect(
		db.prepare('SELECT office_id, role FROM office_memberships WHERE person_id = ?').all(person.id),
	).toEqual([{ office_id: 'dk-eksempelby', role: 'case-worker' }]);
	expect(db.prepare('SELECT person_id, outcome, offices FROM office_sign_ins').all()).toEqual([
		{ person_id: person.id, outcome: 'signed-in', offices: 'dk-eksempelby' },
	]);
	db.close();
	await context.close();
});

test('an account in no mapped group, or with an unverified address, is refused: 403 and no session', async ({
	browser,
}) => {
	for (const [login, email] of [
		['bob', 'bob@example.org'],
		['carol', 'carol@eksempelby.example.org'],
	]) {
		const context = await browser.newContext();
		await loopbackOnly(context);
		const { page, callbackResponse } = await signInThroughProvider(context, login!);
		expect(callbackResponse.status(), login).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('No access with this account');
		expect((await context.cookies()).map((c) => c.name)).not.toContain('office-session');
		const inbox = await page.goto(`${office.url}/office/`);
		expect(inbox?.status()).toBe(403);
		await context.close();
		const db = store();
		expect(
			db.prepare('SELECT COUNT(*) AS n FROM office_people WHERE email = ?').get(email!),
			login,
		).toEqual({ n: 0 });
		db.close();
	}
	const db = store();
	expect(
		db.prepare("SELECT person_id, offices FROM office_sign_ins WHERE outcome = 'refused'").all(),
	).toEqual([
		{ person_id: null, offices: '' },
		{ person_id: null, offices: '' },
	]);
	db.close();
});

test('a replayed, forged or mismatched callback and the provider’s own error give 400/403 and no session', async () => {
	expect(callback, 'the first test saw the callback').toBeDefined();
	const path = callback!.url.slice(office.url.length);
	const noSession = (response: Response) =>
		expect(response.headers.get('set-cookie') ?? '').not.toMatch(/office-session=[^;]/);

	// The same callback again, with the flow's cookie as it was: its state is used up.
	const replayed = await fetchManual(path, `office-oidc=${callback!.flowCookie}`);
	expect(replayed.response.status).toBe(400);
	expect(replayed.html).toContain('The sign-in did not work');
	noSession(replayed.response);
	// Without the cookie (the browser's own replay: the cookie went with the first use).
	expect((await fetchManual(path)).response.status).toBe(400);

	// A forged flow cookie, and a callback for another flow's state.
	const fresh = await startFlow();
	const forged = await fetchManual(
		`${CALLBACK}?code=forged&state=${fresh.state}&iss=${encodeURIComponent(provider.issuer)}`,
		`office-oidc=${Buffer.from('forged').toString('base64url')}`,
	);
	expect(forged.response.status).toBe(400);
	noSession(forged.response);
	const mismatched = await fetchManual(
		`${CALLBACK}?code=forged&state=another-state&iss=${encodeURIComponent(provider.issuer)}`,
		fresh.cookie,
	);
	expect(mismatched.response.status).toBe(400);
	// A code the provider never issued, on a real flow: the token request fails.
	const badCode = await fetchManual(
		`${CALLBACK}?code=forged&state=${fresh.state}&iss=${encodeURIComponent(provider.issuer)}`,
		fresh.cookie,
	);
	expect(badCode.response.status).toBe(400);
	noSession(badCode.response);

	// The provider says no (the person cancelled at its page).
	const cancelled = await startFlow();
	const error = await fetchManual(
		`${CALLBACK}?error=access_denied&state=${cancelled.state}&iss=${encodeURIComponent(provider.issuer)}`,
		cancelled.cookie,
	);
	expect(error.response.status).toBe(403);
	expect(error.html).toContain('The sign-in did not work');
	noSession(error.response);
});

test('the sign-in page with single sign-on and the failure page: axe finds nothing in any locale', async ({
	page,
}) => {
	for (const locale of LOCALES) {
		await page.goto(`${office.url}/office/sign-in/?lang=${locale}`);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page.locator('a[href="/office/sign-in/oidc/"]')).toBeVisible();
		await expectNoAxeViolations(page, `${locale} sign-in`);
		const failed = await page.goto(`${office.url}${CALLBACK}?lang=${locale}`);
		expect(failed?.status()).toBe(400);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expectNoAxeViolations(page, `${locale} failed sign-in`);
	}
});

test('a provider that cannot be reached gives 503, not an error', async () => {
	const flow = await startFlow();
	await provider.close();
	const gone = await fetchManual(
		`${CALLBACK}?code=some-code&state=${flow.state}&iss=${encodeURIComponent(provider.issuer)}`,
		flow.cookie,
	);
	expect(gone.response.status).toBe(503);
	expect(gone.html).toContain('sign-in service cannot be reached just now');
	expect(office.app.output()).not.toContain('request failed');
});
