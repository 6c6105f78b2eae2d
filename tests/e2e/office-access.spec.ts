/**
 * Who may see what in the office workspace: offices A and B, each role, signed out, an expired
 * session and a forged cookie – the concern's page by reference and id, and its JSON export.
 * Every forbidden request answers 404 (another office's concern, by
 * reference or id, exactly like one that does not exist) or 403 (no valid session, not an
 * admin), and nothing is decrypted – no content in the answer and no view in the audit log.
 * Bad input on every office form: 400 with the field's error, and nothing stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test, type Browser } from '@playwright/test';
import {
	DANISH,
	GERMAN,
	postConcern,
	referenceIn,
	type Answers,
} from '../fixtures/concern-answers.ts';
import {
	addPeople,
	auditRows,
	countRows,
	signedInPerson,
	signIn,
	startOfficeApp,
	type OfficeApp,
	type Person,
} from './office-helpers.ts';

test.describe.configure({ mode: 'serial' });

/** To office B, with answers of its own. */
const TO_B: Answers = {
	...GERMAN,
	fields: {
		...GERMAN.fields,
		childName: 'Paul Beispiel',
		observation: `Beobachtung ${randomUUID()}`,
	},
};

let office: OfficeApp;
const concerns: Record<'A' | 'B', { id: string; reference: string; marker: string }> = {} as never;
const cookies: Record<string, string> = {};

/** An office person's id, read from the running server's store. */
function personId(email: string): string {
	const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly: true });
	try {
		return (db.prepare('SELECT id FROM office_people WHERE email = ?').get(email) as { id: string })
			.id;
	} finally {
		db.close();
	}
}

async function send(answers: Answers) {
	const id = randomUUID();
	const marker = `marker${randomUUID().slice(0, 8)}`;
	const sent = await postConcern(
		office.app.url,
		{ ...answers, fields: { ...answers.fields, childName: marker } },
		id,
	);
	expect(sent.status).toBe(200);
	return { id, reference: referenceIn(sent.html)!, marker };
}

/** Enrols a person added with `link`; `extra` more sessions of theirs (signed in again with the passkey) under the given names. */
async function enrolled(
	browser: Browser,
	key: string,
	p: Person,
	link: string,
	...extra: string[]
) {
	const { context, page, cookie } = await signedInPerson(browser, office, p, link);
	cookies[key] = cookie;
	for (const name of extra) {
		await context.clearCookies();
		await signIn(page, office);
		cookies[name] = (await context.cookies()).find((c) => c.name === 'office-session')!.value;
	}
	await context.close();
}

const PEOPLE: [string, Person][] = [
	[
		'A worker',
		{ email: 'a.worker@eksempelby.example.org', name: 'A Worker', office: 'dk-eksempelby' },
	],
	[
		'A admin',
		{
			email: 'a.admin@eksempelby.example.org',
			name: 'A Admin',
			office: 'dk-eksempelby',
			role: 'office-admin',
		},
	],
	[
		'B worker',
		{ email: 'b.worker@musterstadt.example.org', name: 'B Worker', office: 'de-musterstadt' },
	],
	['operator', { email: 'operator@example.org', name: 'Operator', operator: true }],
];

test.beforeAll(async ({ browser }) => {
	// A server, two concerns and four passkey enrolments: on two shared, busy cores more than one test's 30 s.
	test.setTimeout(60_000);
	office = await startOfficeApp();
	concerns.A = await send(DANISH);
	concerns.B = await send(TO_B);
	const links = await addPeople(
		office,
		PEOPLE.map(([, p]) => p),
	);
	await Promise.all(
		PEOPLE.map(([key, p], i) =>
			enrolled(
				browser,
				key,
				p,
				links[i]!,
				...(key === 'A worker' ? ['expired idle', 'expired absolute'] : []),
			),
		),
	);
	// 31 minutes without a request; signed in 12 hours and a minute ago (though used a moment ago).
	const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'));
	const hash = (id: string) => createHash('sha256').update(id).digest('base64url');
	db.prepare('UPDATE office_sessions SET last_seen_at = last_seen_at - ? WHERE id_hash = ?').run(
		31 * 60_000,
		hash(cookies['expired idle']!),
	);
	db.prepare('UPDATE office_sessions SET created_at = created_at - ? WHERE id_hash = ?').run(
		12 * 3600_000 + 60_000,
		hash(cookies['expired absolute']!),
	);
	db.close();
});
test.afterAll(() => office?.stop());

async function get(path: string, cookie?: string) {
	const response = await fetch(`${office.url}${path}`, {
		headers: cookie ? { Cookie: `office-session=${cookie}` } : {},
		redirect: 'manual',
	});
	return { status: response.status, html: await response.text() };
}
async function post(path: string, form: Record<string, string>, cookie?: string) {
	const response = await fetch(`${office.url}${path}`, {
		method: 'POST',
		headers: {
			Origin: office.url,
			'Content-Type': 'application/x-www-form-urlencoded',
			...(cookie ? { Cookie: `office-session=${cookie}` } : {}),
		},
		body: new URLSearchParams(form),
		redirect: 'manual',
	});
	return { status: response.status, html: await response.text() };
}
const statusOf = (id: string) => {
	const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly: true });
	try {
		return (
			db.prepare('SELECT status FROM office_cases WHERE submission_id = ?').get(id) as {
				status: string;
			}
		).status;
	} finally {
		db.close();
	}
};

test("the authorization matrix: another office's concern is 404, no session is 403, only admins read the audit log, nothing is decrypted", async () => {
	const forged = randomBytes(32).toString('base64url');
	const identities: [string, string | undefined][] = [
		['signed out', undefined],
		['forged cookie', forged],
		['expired idle', cookies['expired idle']],
		['expired absolute', cookies['expired absolute']],
		['A worker', cookies['A worker']],
		['A admin', cookies['A admin']],
		['B worker', cookies['B worker']],
		['operator', cookies['operator']],
	];
	/** Which concern each identity may read. */
	const may: Record<string, 'A' | 'B' | undefined> = {
		'A worker': 'A',
		'A admin': 'A',
		'B worker': 'B',
	};
	const signedIn = new Set(['A worker', 'A admin', 'B worker', 'operator']);
	const failures: string[] = [];
	const check = (what: string, actual: number, expected: number) =>
		actual !== expected && failures.push(`${what}: ${actual}, expected ${expected}`);

	for (const [who, cookie] of identities) {
		const inbox = await get('/office/', cookie);
		check(`${who} GET /office/`, inbox.status, signedIn.has(who) ? 200 : 403);
		for (const key of ['A', 'B'] as const) {
			const c = concerns[key];
			const allowed = may[who] === key;
			const forbidden = signedIn.has(who) ? 404 : 403;
			for (const path of [
				`/office/concerns/${c.reference}/`,
				`/office/concerns/${c.id}/`,
				`/office/concerns/${c.reference}/export.json`,
			]) {
				const page = await get(path, cookie);
				check(`${who} GET ${key} ${path}`, page.status, allowed ? 200 : forbidden);
				if (!allowed && page.html.includes(c.marker))
					failures.push(`${who} ${path}: content in a refused answer`);
				if (allowed && !page.html.includes(c.marker))
					failures.push(`${who} ${path}: content missing`);
			}
			if (!allowed) {
				const before = statusOf(c.id);
				check(
					`${who} POST acknowledge ${key}`,
					(await post(`/office/concerns/${c.reference}/`, { intent: 'acknowledge' }, cookie))
						.status,
					forbidden,
				);
				check(
					`${who} POST status ${key}`,
					(await post(`/office/concerns/${c.id}/`, { intent: 'status', status: 'closed' }, cookie))
						.status,
					forbidden,
				);
				check(
					`${who} POST feedback ${key}`,
					(
						await post(
							`/office/concerns/${c.reference}/`,
							{ intent: 'feedback', feedback: 'investigation-started' },
							cookie,
						)
					).status,
					forbidden,
				);
				if (statusOf(c.id) !== before) failures.push(`${who}: changed ${key}'s status`);
			}
			if (inbox.html.includes(c.reference) !== allowed)
				failures.push(`${who}: inbox ${allowed ? 'lacks' : 'shows'} ${key}`);
		}
		const audit = await get('/office/audit/', cookie);
		check(`${who} GET /office/audit/`, audit.status, who === 'A admin' ? 200 : 403);
		check(
			`${who} POST /office/account/`,
			(await post('/office/account/', { locale: 'de' }, cookie)).status,
			signedIn.has(who) ? 303 : 403,
		);
	}
	expect(failures).toEqual([]);
	expect(countRows(office.app.dataDir, 'SELECT 1 FROM office_feedback'), 'no feedback').toBe(0);

	// Views and exports only by members of the concern's own office; nothing by anyone else.
	const audit = auditRows(office.app.dataDir);
	const count = (action: string, key: 'A' | 'B') =>
		audit.filter((r) => r.action === action && r.reference === concerns[key].reference).length;
	expect([
		count('view', 'A'),
		count('export', 'A'),
		count('view', 'B'),
		count('export', 'B'),
	]).toEqual([4, 2, 2, 1]);
	expect(
		audit.every((r) =>
			r.reference === concerns.A.reference
				? r.office_id === 'dk-eksempelby'
				: r.office_id === 'de-musterstadt',
		),
	).toBe(true);
	const exported = await fetch(`${office.url}/office/concerns/${concerns.B.id}/export.json`, {
		headers: { Cookie: `office-session=${cookies['B worker']}` },
	});
	expect(exported.headers.get('cache-control')).toBe('no-store');
	expect(await exported.json()).toMatchObject({
		reference: concerns.B.reference,
		office: 'de-musterstadt',
		status: 'new',
		concern: { childName: concerns.B.marker },
	});
	// The expired sessions are gone for good, not only refused.
	expect((await get('/office/', cookies['expired idle'])).status).toBe(403);

	// The admin's audit log: office A's entries only, without content.
	const log = await get('/office/audit/', cookies['A admin']);
	expect(log.html).toContain(concerns.A.reference);
	expect(log.html).not.toContain(concerns.B.reference);
	expect(log.html).not.toContain(concerns.A.marker);
});

test('a cross-site post is refused before it reaches the workspace', async () => {
	const response = await fetch(`${office.url}/office/concerns/${concerns.A.reference}/`, {
		method: 'POST',
		headers: {
			Origin: 'https://attacker.example.com',
			'Content-Type': 'application/x-www-form-urlencoded',
			Cookie: `office-session=${cookies['A admin']}`,
		},
		body: new URLSearchParams({ intent: 'acknowledge' }),
	});
	expect(response.status).toBe(403);
	expect(statusOf(concerns.A.id)).toBe('new');
});

test("bad input on every office form: 400 with the field's error, nothing stored", async () => {
	const rows = () => auditRows(office.app.dataDir).length;
	const links = () =>
		office.resend.emails.filter((e) => e.idempotencyKey?.endsWith(':office-sign-in-link')).length;
	const before = { audit: rows(), links: links() };

	const email = await post('/office/sign-in/', { intent: 'link', email: 'not an address' });
	expect(email.status).toBe(400);
	expect(email.html).toMatch(/id="email-error"/);
	expect(email.html).toContain('href="#email"');

	const passkey = await post('/office/sign-in/', {
		intent: 'passkey',
		credential: '{"id":"nope","response":{}}',
	});
	expect(passkey.status).toBe(400);
	const noForm = await post('/office/sign-in/', { something: 'else' });
	expect(noForm.status).toBe(400);

	// A case acknowledged first, so the status form is the one on the page.
	expect(
		(
			await post(
				`/office/concerns/${concerns.A.reference}/`,
				{ intent: 'acknowledge' },
				cookies['A worker'],
			)
		).status,
	).toBe(303);
	const afterAcknowledge = rows();
	// Feedback: a choice of the office's country only (A is Danish; 'confirmed-active' is Germany's).
	const refused = [
		['status', ['', 'deleted', 'new', 'acknowledged']],
		['feedback', ['', 'xx', 'confirmed-active']],
	] as const;
	for (const [name, values] of refused) {
		for (const value of values) {
			const answer = await post(
				`/office/concerns/${concerns.A.reference}/`,
				{ intent: name, [name]: value },
				cookies['A worker'],
			);
			expect(answer.status, `${name} "${value}"`).toBe(400);
			expect(answer.html).toMatch(new RegExp(`id="${name}-error"`));
			expect(answer.html, 'no content on a refused form').not.toContain(concerns.A.marker);
		}
	}
	expect(statusOf(concerns.A.id)).toBe('acknowledged');
	// B: still new, so feedback and a status change are refused until it is acknowledged.
	const earlyFeedback = await post(
		`/office/concerns/${concerns.B.reference}/`,
		{ intent: 'feedback', feedback: 'confirmed-active' },
		cookies['B worker'],
	);
	expect(earlyFeedback.status).toBe(400);
	expect(earlyFeedback.html).toMatch(/id="feedback-error"/);
	expect(countRows(office.app.dataDir, 'SELECT 1 FROM office_feedback')).toBe(0);
	const early = await post(
		`/office/concerns/${concerns.B.reference}/`,
		{ intent: 'status', status: 'closed' },
		cookies['B worker'],
	);
	expect(early.status).toBe(400);
	expect(statusOf(concerns.B.id)).toBe('new');

	const locale = await post('/office/account/', { locale: 'xx' }, cookies['A worker']);
	expect(locale.status).toBe(400);
	expect(locale.html).toMatch(/id="locale-error"/);

	const enrol = await post(
		'/office/passkey/',
		{ intent: 'passkey', credential: 'garbage' },
		cookies['A worker'],
	);
	expect(enrol.status).toBe(400);
	const link = await post('/office/link/', { token: 'garbage' });
	expect(link.status).toBe(410);

	expect(rows(), 'only the acknowledgement was audited').toBe(afterAcknowledge);
	expect(afterAcknowledge).toBe(before.audit + 1);
	expect(links()).toBe(before.links);
});

test("office posts are limited apart from the public forms: a flood of concern posts from the office's address does not lock its people out", async () => {
	const limited = await startOfficeApp({
		RATE_LIMIT_PER_MINUTE: '2',
		OFFICE_POSTS_PER_MINUTE: '3',
	});
	try {
		const publicPost = () =>
			fetch(`${limited.url}/en/notify/?_action=notify`, {
				method: 'POST',
				headers: { Origin: limited.url, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'x=1',
			});
		const officePost = () =>
			fetch(`${limited.url}/office/sign-in/`, {
				method: 'POST',
				headers: { Origin: limited.url, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: 'intent=link&email=nope',
			});
		const publicAnswers = [];
		for (let i = 0; i < 3; i++) publicAnswers.push((await publicPost()).status);
		expect(publicAnswers[0]).not.toBe(429);
		expect(publicAnswers.at(-1)).toBe(429);
		const officeAnswers = [];
		for (let i = 0; i < 4; i++) officeAnswers.push((await officePost()).status);
		expect(officeAnswers).toEqual([400, 400, 400, 429]);
	} finally {
		await limited.stop();
	}
});

test('an office admin manages the people of their own offices only; bad input is refused field by field', async () => {
	const admin = cookies['A admin']!;
	const peopleCount = () => {
		const db = new DatabaseSync(join(office.app.dataDir, 'store.sqlite'), { readOnly: true });
		try {
			return (db.prepare('SELECT COUNT(*) AS n FROM office_people').get() as { n: number }).n;
		} finally {
			db.close();
		}
	};
	for (const [who, status] of [
		['A worker', 403],
		['B worker', 403],
		['operator', 200],
		['A admin', 200],
	] as const) {
		expect((await get('/office/people/', cookies[who])).status, who).toBe(status);
	}
	expect((await get('/office/people/')).status).toBe(403);
	const page = await get('/office/people/', admin);
	expect(page.html).toContain('a.worker@eksempelby.example.org');
	expect(page.html).not.toContain('b.worker@musterstadt.example.org');

	const before = peopleCount();
	const good = {
		intent: 'add',
		email: 'new.person@eksempelby.example.org',
		name: 'Nina New',
		office: 'dk-eksempelby',
		role: 'case-worker',
		locale: 'da',
	};
	for (const [change, id] of [
		[{ email: 'not an address' }, 'email'],
		[{ name: '' }, 'name'],
		[{ name: 'x'.repeat(121) }, 'name'],
		[{ office: 'de-musterstadt' }, 'office'],
		[{ role: 'operator' }, 'role'],
		[{ locale: 'xx' }, 'locale'],
	] as const) {
		const refused = await post('/office/people/', { ...good, ...change }, admin);
		expect(refused.status, JSON.stringify(change)).toBe(400);
		expect(refused.html).toContain(`id="${id}-error"`);
	}
	expect(peopleCount()).toBe(before);
	expect((await post('/office/people/', good, cookies['A worker'])).status).toBe(403);
	expect(peopleCount()).toBe(before);

	expect((await post('/office/people/', good, admin)).status).toBe(303);
	expect(peopleCount()).toBe(before + 1);
	await office.resend.waitFor((all) =>
		all.some(
			(e) => e.to.includes(good.email) && e.idempotencyKey?.endsWith(':office-sign-in-link'),
		),
	);

	// Recovery for a lost passkey: only for a person of the admin's offices.
	expect(
		(
			await post(
				'/office/people/',
				{ intent: 'reset', person: personId('b.worker@musterstadt.example.org') },
				admin,
			)
		).status,
	).toBe(404);
	expect((await get('/office/', cookies['B worker'])).status, 'B worker still signed in').toBe(200);
	expect(
		(
			await post(
				'/office/people/',
				{ intent: 'reset', person: personId('a.worker@eksempelby.example.org') },
				admin,
			)
		).status,
	).toBe(303);
	expect(
		(await get('/office/', cookies['A worker'])).status,
		'A worker signed out everywhere',
	).toBe(403);
	await office.resend.waitFor((all) =>
		all.some(
			(e) =>
				e.to.includes('a.worker@eksempelby.example.org') &&
				e.idempotencyKey?.endsWith(':office-sign-in-link'),
		),
	);
});

test("an operator manages every office's admins and nobody else; a role taken away is out of reach at the next request", async () => {
	const operator = cookies['operator']!;
	const page = await get('/office/people/', operator);
	expect(page.html).toContain('a.admin@eksempelby.example.org');
	expect(page.html, "case workers are their admins' to manage").not.toContain(
		'b.worker@musterstadt.example.org',
	);
	const admin = {
		intent: 'add',
		email: 'b.admin@musterstadt.example.org',
		name: 'B Admin',
		office: 'de-musterstadt',
		role: 'office-admin',
		locale: 'de',
	};
	const refused = await post('/office/people/', { ...admin, role: 'case-worker' }, operator);
	expect(refused.status).toBe(400);
	expect(refused.html).toContain('id="role-error"');
	expect((await post('/office/people/', admin, operator)).status).toBe(303);
	expect((await get('/office/people/', operator)).html).toContain(admin.email);

	const remove = (email: string, officeId: string, cookie: string) =>
		post(
			'/office/people/',
			{ intent: 'remove', person: personId(email), office: officeId },
			cookie,
		);
	// Not the operator's to take away (a case worker), not in this office, not one's own.
	expect(
		(await remove('b.worker@musterstadt.example.org', 'de-musterstadt', operator)).status,
	).toBe(404);
	expect((await remove('a.admin@eksempelby.example.org', 'de-musterstadt', operator)).status).toBe(
		404,
	);
	expect((await remove('operator@example.org', 'dk-eksempelby', operator)).status).toBe(404);
	const adminA = cookies['A admin']!;
	expect((await remove('b.worker@musterstadt.example.org', 'de-musterstadt', adminA)).status).toBe(
		404,
	);
	expect((await get(`/office/concerns/${concerns.A.reference}/`, adminA)).status).toBe(200);

	expect((await remove('a.admin@eksempelby.example.org', 'dk-eksempelby', operator)).status).toBe(
		303,
	);
	expect((await get('/office/people/', adminA)).status).toBe(403);
	expect((await get(`/office/concerns/${concerns.A.reference}/`, adminA)).status).toBe(404);
});
