/**
 * The office workspace in tests: a server sending through the Resend fake, people added with
 * `npm run office`, their sign-in links read from the fake, and passkeys from Chromium's virtual
 * WebAuthn authenticator (CDP). Browsers open the server as `localhost`: WebAuthn refuses an IP
 * address as relying party, and `localhost` is loopback and a secure context without TLS.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import {
	startAppWithResend,
	TEST_CONTENT_DIR,
	type AppWithResend,
} from '../fixtures/app-server.ts';
import type { Answers } from '../fixtures/concern-answers.ts';
import type { ReceivedEmail } from '../fixtures/resend-fake.ts';
import { loadSiteContent } from '../../src/server/content-files.ts';
import { loadDataKey } from '../../src/server/data-crypto.ts';
import { consultingSpecialists, runOfficeCommand } from '../../src/server/office/office-cli.ts';
import { createSignInLinks } from '../../src/server/office/sign-in-links.ts';
import { openSqliteStore } from '../../src/server/store.ts';

export interface OfficeApp extends AppWithResend {
	/** The server's address as the browsers use it (localhost). */
	url: string;
}

export async function startOfficeApp(env: Record<string, string> = {}): Promise<OfficeApp> {
	const setup = await startAppWithResend(env);
	return Object.assign(setup, { url: setup.app.url.replace('127.0.0.1', 'localhost') });
}

/** `npm run office -- …` against the test server's store. */
export function officeCommand(office: OfficeApp, args: string[]) {
	const result = spawnSync(process.execPath, ['scripts/office.mjs', ...args], {
		env: {
			...process.env,
			DATA_DIR: office.app.dataDir,
			CONTENT_DIR: TEST_CONTENT_DIR,
			SITE_URL: office.url,
		},
		encoding: 'utf8',
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export interface Person {
	email: string;
	name: string;
	office?: string;
	role?: 'case-worker' | 'office-admin';
	/** The specialist of `office` the person is (`--specialist`). */
	specialist?: string;
	operator?: boolean;
	locale?: string;
}

const linksTo = (email: string) => (emails: ReceivedEmail[]) =>
	emails.filter((e) => e.to.includes(email) && e.idempotencyKey?.endsWith(':office-sign-in-link'));

/** The newest sign-in link e-mailed to `email`, on the address the browsers use. */
export async function latestLink(office: OfficeApp, email: string, count = 1): Promise<string> {
	const emails = await office.resend.waitFor((all) => linksTo(email)(all).length >= count);
	const mail = linksTo(email)(emails).at(-1)!;
	const url = new URL(/https?:\/\/\S+\/office\/link\/\?token=[\w-]+/.exec(mail.text)![0]);
	return `${office.url}${url.pathname}${url.search}`;
}

/** Adds a person with the command line; returns their enrolment link. */
export async function addPerson(office: OfficeApp, p: Person): Promise<string> {
	const args = ['add', '--email', p.email, '--name', p.name, '--locale', p.locale ?? 'en'];
	if (p.operator) args.push('--operator');
	if (p.office) args.push('--office', p.office, '--role', p.role ?? 'case-worker');
	if (p.specialist) args.push('--specialist', p.specialist);
	const result = officeCommand(office, args);
	expect(result.status, result.output).toBe(0);
	return latestLink(office, p.email);
}

/**
 * Adds people as `npm run office -- add` does, in this process (one store opened beside the
 * running server, instead of a Node process per person); returns their enrolment links.
 */
export async function addPeople(office: OfficeApp, people: Person[]): Promise<string[]> {
	const store = openSqliteStore(office.app.dataDir);
	try {
		const links = createSignInLinks(
			store.office,
			store.rateLimiter,
			loadDataKey(office.app.dataDir),
			office.url,
		);
		const offices = consultingSpecialists(loadSiteContent(TEST_CONTENT_DIR).offices);
		for (const p of people) {
			const args = [
				'add',
				'--email',
				p.email,
				'--name',
				p.name,
				'--locale',
				p.locale ?? 'en',
				...(p.operator ? ['--operator'] : []),
				...(p.office ? ['--office', p.office, '--role', p.role ?? 'case-worker'] : []),
				...(p.specialist ? ['--specialist', p.specialist] : []),
			];
			let output = '';
			expect(
				await runOfficeCommand(args, {
					store,
					links,
					offices,
					print: (line) => (output += `${line}\n`),
				}),
				output,
			).toBe(0);
		}
	} finally {
		await store.close();
	}
	return Promise.all(people.map((p) => latestLink(office, p.email)));
}

/** A browser context with Chromium's virtual authenticator: passkeys with user verification, no prompts. */
export async function passkeyContext(
	browser: Browser,
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('WebAuthn.enable');
	await cdp.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			transport: 'internal',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			automaticPresenceSimulation: true,
		},
	});
	return { context, page };
}

/** Follows an enrolment link and creates a passkey; ends in the inbox. `office`: whose log to quote if it fails. */
export async function enrol(page: Page, link: string, office?: OfficeApp): Promise<void> {
	await page.goto(link);
	await page.locator('form button[type="submit"]').last().click();
	await expect(page).toHaveURL(/\/office\/passkey\/$/);
	await page.locator('form[data-passkey] button').click();
	await expect(page)
		.toHaveURL(/\/office\/$/, { timeout: 10_000 })
		.catch(async (error: Error) => {
			// The browser's reason, if the ceremony failed there (the server logs its own reason).
			const reason = await page
				.locator('[data-passkey-failed]')
				.getAttribute('data-reason')
				.catch(() => null);
			const server = office?.app
				.output()
				.split('\n')
				.filter((line) => line.includes('office: passkey'))
				.join('\n');
			throw new Error(
				`passkey enrolment did not get through (browser: ${reason ?? 'no error'}; server: ${server || 'nothing logged'})\n${error.message}`,
			);
		});
}

/** Signs in with the passkey the page's authenticator holds; ends in the inbox. */
export async function signIn(page: Page, office: OfficeApp): Promise<void> {
	await page.goto(`${office.url}/office/sign-in/`);
	await page.locator('form[data-passkey] button').click();
	await expect(page).toHaveURL(/\/office\/$/);
}

/** A signed-in person in a browser of their own; `link`: their enrolment link, if they were added already. */
export async function signedInPerson(
	browser: Browser,
	office: OfficeApp,
	p: Person,
	link?: string,
) {
	link ??= await addPerson(office, p);
	const { context, page } = await passkeyContext(browser);
	await enrol(page, link, office);
	return {
		context,
		page,
		cookie: (await context.cookies()).find((c) => c.name === 'office-session')!.value,
	};
}

/** The audit log as stored, read beside the server as an auditor would. */
export function auditRows(dataDir: string): {
	action: string;
	reference: string | null;
	detail: string | null;
	person_id: string;
	office_id: string;
}[] {
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'), { readOnly: true });
	try {
		return db
			.prepare(
				'SELECT action, reference, detail, person_id, office_id FROM office_audit ORDER BY at',
			)
			.all() as never;
	} finally {
		db.close();
	}
}

/** A marker in every field a person types into, to be looked for in the office's e-mails. */
export function marked(
	answers: Answers,
	tag: string,
	urgency: string,
): { answers: Answers; markers: string[] } {
	const markers: string[] = [];
	const fields: Answers['fields'] = { ...answers.fields, urgency };
	for (const name of [
		'childName',
		'childLanguages',
		'observation',
		'observedWhen',
		'reporterName',
		'reporterRole',
		'reporterOrganisation',
	]) {
		const marker = `mk${tag}${name}x${randomUUID().slice(0, 6)}`;
		markers.push(marker);
		fields[name] = `${String(fields[name])} ${marker}`;
	}
	return { answers: { ...answers, fields }, markers };
}

/** How many rows a query finds in the server's store, read beside it (read-only). */
export function countRows(dataDir: string, sql: string, ...params: string[]): number {
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'), { readOnly: true });
	try {
		return (db.prepare(`SELECT COUNT(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
	} finally {
		db.close();
	}
}
