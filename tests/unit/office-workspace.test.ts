/** The office workspace's server side on a real store and a simulated clock: sessions, sign-in links, cases, audit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Concern } from '../../src/lib/concern-schema.ts';
import type { Config } from '../../src/server/config.ts';
import { loadSiteContent } from '../../src/server/content-files.ts';
import { encrypt } from '../../src/server/data-crypto.ts';
import { outboxRenderer } from '../../src/server/mail/render-outbox-message.ts';
import { createOfficeCases } from '../../src/server/office/office-cases.ts';
import { createOfficeFeedback, readFeedback } from '../../src/server/office/office-feedback.ts';
import { createOfficePeople } from '../../src/server/office/office-people.ts';
import {
	ABSOLUTE_MS,
	createOfficeSessions,
	ENROL_MS,
	hashSessionId,
	IDLE_MS,
} from '../../src/server/office/office-sessions.ts';
import {
	createSignInLinks,
	LINK_MS,
	LINKS_PER_ADDRESS_PER_HOUR,
} from '../../src/server/office/sign-in-links.ts';
import { openSqliteStore, type Store } from '../../src/server/store.ts';
import { CONTENT } from './content-files.ts';
import type { OfficePerson } from '../../src/server/store/office-types.ts';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const KEY = Buffer.alloc(32, 7);
const SITE = 'https://concerns.example.org';
const MAIL = { perRecipient: 5, total: 100 };

let dir: string;
let store: Store;
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'office-test-'));
	store = openSqliteStore(dir);
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

async function person(
	id: string,
	memberships: [string, 'case-worker' | 'office-admin'][] = [],
	operator = false,
): Promise<OfficePerson> {
	await store.office.addPerson({
		id,
		email: `${id}@example.org`,
		name: id,
		locale: 'da',
		operator,
		now: T0,
	});
	for (const [office, role] of memberships) await store.office.setMembership(id, office, role);
	return (await store.office.person(id))!;
}

async function concern(
	id: string,
	officeId: string,
	now: number,
	urgent = false,
	email = 'teacher@example.com',
) {
	const body = {
		submissionId: id,
		locale: 'da',
		officeId,
		urgency: urgent ? 'today' : 'not-urgent',
		reporterEmail: email,
		childName: `secret-${id}`,
	} as unknown as Concern;
	const accepted = await store.accept({
		id,
		kind: 'concern',
		officeId,
		locale: 'da',
		body: encrypt(KEY, JSON.stringify(body), id),
		messages: ['concern-office'],
		priority: urgent ? 1 : 0,
		now,
	});
	if ('replayed' in accepted) throw new Error('replayed');
	return accepted.reference;
}

/** The database itself refuses to change or delete an audit entry. */
function expectAppendOnly() {
	const db = new DatabaseSync(join(dir, 'store.sqlite'));
	try {
		expect(() => db.exec("UPDATE office_audit SET action = 'export'")).toThrow(/append-only/);
		expect(() => db.exec('DELETE FROM office_audit')).toThrow(/append-only/);
	} finally {
		db.close();
	}
}

describe('office sessions', () => {
	it('run out after 30 minutes without a request and 12 hours after sign-in, however busy', async () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = await person('p1', [['a', 'case-worker']]);
		const idle = await sessions.start(p.id, 'passkey', T0);
		expect((await sessions.resolve(idle, T0 + IDLE_MS - 1))?.person.id).toBe('p1');
		expect(
			(await sessions.resolve(idle, T0 + 2 * IDLE_MS - 2))?.person.id,
			'the last request counts',
		).toBe('p1');
		expect(await sessions.resolve(idle, T0 + 3 * IDLE_MS)).toBeUndefined();
		expect(
			await sessions.resolve(idle, T0 + 2 * IDLE_MS),
			'ended for good, not only refused',
		).toBeUndefined();

		const busy = await sessions.start(p.id, 'passkey', T0);
		let now = T0;
		while (now + 20 * MINUTE < T0 + ABSOLUTE_MS)
			expect(await sessions.resolve(busy, (now += 20 * MINUTE))).toBeDefined();
		expect(await sessions.resolve(busy, T0 + ABSOLUTE_MS)).toBeUndefined();
	});

	it("an e-mail link's session lasts 15 minutes and says it may only enrol", async () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = await person('p1');
		const id = await sessions.start(p.id, 'enrol', T0);
		expect((await sessions.resolve(id, T0 + 5 * MINUTE))?.level).toBe('enrol');
		expect((await sessions.resolve(id, T0 + 10 * MINUTE))?.level).toBe('enrol');
		expect(await sessions.resolve(id, T0 + ENROL_MS)).toBeUndefined();
	});

	it('stores only the hash of the id; a forged or malformed id signs nobody in; sign out everywhere ends every session', async () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = await person('p1');
		const [a, b] = [
			await sessions.start(p.id, 'passkey', T0),
			await sessions.start(p.id, 'passkey', T0),
		];
		const db = new DatabaseSync(join(dir, 'store.sqlite'), { readOnly: true });
		const stored = db
			.prepare('SELECT id_hash FROM office_sessions')
			.all()
			.map((r) => r['id_hash']);
		db.close();
		expect(stored.sort()).toEqual([hashSessionId(a), hashSessionId(b)].sort());
		expect(stored).not.toContain(a);
		for (const forged of [
			undefined,
			'',
			'x',
			`${a.slice(0, -1)}${a.endsWith('A') ? 'B' : 'A'}`,
			`${a}=`,
			hashSessionId(a),
		]) {
			expect(await sessions.resolve(forged, T0 + MINUTE), String(forged)).toBeUndefined();
		}
		expect(await sessions.endEverywhere(p.id)).toBe(2);
		expect(await sessions.resolve(a, T0 + MINUTE)).toBeUndefined();
		expect(await sessions.resolve(b, T0 + MINUTE)).toBeUndefined();
	});

	it('the cookie is __Host- and Secure behind TLS only', async () => {
		expect(createOfficeSessions(store.office, SITE).cookie).toEqual({
			name: '__Host-office-session',
			secure: true,
		});
		expect(createOfficeSessions(store.office, 'http://127.0.0.1:4321').cookie).toEqual({
			name: 'office-session',
			secure: false,
		});
	});
});

describe('sign-in links', () => {
	it('sign in once, before they run out, and only a person without a passkey', async () => {
		const links = createSignInLinks(store.office, store.rateLimiter, KEY, SITE);
		const p = await person('p1');
		const token = (url: string) => new URL(url).searchParams.get('token')!;
		const first = token((await links.send(p, T0))!);
		expect(await links.use(first, T0 + MINUTE)).toMatchObject({
			status: 'ok',
			person: { id: 'p1' },
		});
		expect(await links.use(first, T0 + MINUTE)).toEqual({ status: 'invalid' });
		const late = token((await links.send(p, T0))!);
		expect(await links.use(late, T0 + LINK_MS)).toEqual({ status: 'invalid' });
		const unused = token((await links.send(p, T0))!);
		await store.office.addPasskey(
			{ id: 'cred', personId: 'p1', publicKey: 'AAAA', counter: 0, transports: [] },
			T0,
		);
		expect(await links.send(p, T0), 'no new link for a person with a passkey').toBeUndefined();
		expect(await links.use(unused, T0 + MINUTE)).toEqual({ status: 'has-passkey' });
		// Each link is a message in the outbox, its body encrypted like a concern's.
		expect((await store.health(T0)).pending).toBe(3);
	});

	it('answer a request the same whether the address is known, within limits per address and per client', async () => {
		const links = createSignInLinks(store.office, store.rateLimiter, KEY, SITE);
		await person('p1');
		for (let i = 0; i < LINKS_PER_ADDRESS_PER_HOUR; i++)
			expect(await links.request('P1@example.org ', `client-${i}`, T0)).toBe(true);
		expect(await links.request('p1@example.org', 'client-x', T0), 'per address').toBe(false);
		expect(await links.request('nobody@example.org', 'client-y', T0)).toBe(true);
		expect((await store.health(T0)).pending).toBe(LINKS_PER_ADDRESS_PER_HOUR);
		const many: boolean[] = [];
		for (let i = 0; i < 12; i++)
			many.push(await links.request(`n${i}@example.org`, 'one-client', T0));
		expect(many.filter((ok) => !ok).length, 'per client').toBeGreaterThan(0);
		expect(await links.request('p1@example.org', 'client-z', T0 + 3600_000)).toBe(true);
	});
});

describe('office cases', () => {
	it("the inbox: only the person's offices, urgent first, then the newest", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const old = await concern('old', 'a', T0);
		const urgent = await concern('urgent', 'a', T0 + MINUTE, true);
		const newest = await concern('newest', 'a', T0 + 2 * MINUTE);
		await concern('other', 'b', T0 + 3 * MINUTE, true);
		const p = await person('p', [['a', 'case-worker']]);
		expect((await cases.inbox(p)).map((c) => c.reference)).toEqual([urgent, newest, old]);
		expect(await cases.inbox(await person('op', [], true))).toEqual([]);
		const both = await person('both', [
			['a', 'case-worker'],
			['b', 'office-admin'],
		]);
		expect(await cases.inbox(both)).toHaveLength(4);
	});

	it("another office's concern does not exist, by reference or id, and opening it is not audited", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = await concern('c1', 'b', T0);
		const p = await person('p', [['a', 'office-admin']]);
		for (const key of [reference, 'c1', 'nothing', 'x'.repeat(500)]) {
			expect(await cases.open(p, key, 'view', T0)).toBeUndefined();
			expect(await cases.open(p, key, 'export', T0)).toBeUndefined();
			expect(await cases.acknowledge(p, key, T0)).toBe('not-found');
			expect(await cases.setStatus(p, key, 'closed', T0)).toBe('not-found');
		}
		expect(await store.office.auditLog(['a', 'b'], 10)).toEqual([]);
	});

	it('opening decrypts and audits; acknowledging queues one receipt; status follows; the audit holds no content', async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = await concern('c1', 'a', T0);
		const p = await person('p', [['a', 'case-worker']]);
		expect(await cases.setStatus(p, reference, 'closed', T0), 'acknowledged first').toBe(
			'not-acknowledged',
		);
		expect((await cases.open(p, reference, 'view', T0 + 1))?.concern?.childName).toBe('secret-c1');
		expect(await cases.acknowledge(p, 'c1', T0 + 2)).toBe('acknowledged');
		expect(await cases.acknowledge(p, reference, T0 + 3)).toBe('already');
		expect((await store.claimDue(T0 + 10, 10, MINUTE)).map((m) => m.kind).sort()).toEqual([
			'concern-acknowledged',
			'concern-office',
		]);
		expect(await cases.setStatus(p, reference, 'in-assessment', T0 + 4)).toBe('changed');
		expect(await cases.setStatus(p, reference, 'in-assessment', T0 + 5)).toBe('unchanged');
		expect(await cases.setStatus(p, reference, 'closed', T0 + 6)).toBe('changed');
		expect(await store.office.findCase(reference)).toMatchObject({
			status: 'closed',
			acknowledgedAt: T0 + 2,
			statusChangedAt: T0 + 6,
		});
		const log = await store.office.auditLog(['a'], 10);
		expect(log.map((e) => [e.action, e.detail])).toEqual([
			['status', 'closed'],
			['status', 'in-assessment'],
			['acknowledge', null],
			['view', null],
		]);
		expect(
			log.every((e) => e.personId === 'p' && e.reference === reference && e.officeId === 'a'),
		).toBe(true);
		expect(JSON.stringify(log)).not.toContain('secret');
	});

	it("no receipt beyond the notifier's daily mail budget; the acknowledgement itself stands", async () => {
		const cases = createOfficeCases(store, KEY, { perRecipient: 1, total: 100 });
		const p = await person('p', [['a', 'case-worker']]);
		for (const id of ['c1', 'c2']) await cases.acknowledge(p, await concern(id, 'a', T0), T0);
		expect(
			(await store.claimDue(T0, 10, MINUTE)).filter((m) => m.kind === 'concern-acknowledged'),
		).toHaveLength(1);
		expect((await store.office.findCase('c2'))?.status).toBe('acknowledged');
	});

	it('only an office admin reads the audit log, of their own offices', async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const ra = await concern('ca', 'a', T0);
		const rb = await concern('cb', 'b', T0);
		const admin = await person('admin', [
			['a', 'office-admin'],
			['b', 'case-worker'],
		]);
		await cases.open(admin, ra, 'view', T0);
		await cases.open(admin, rb, 'export', T0);
		expect(await cases.auditLog(await person('worker', [['a', 'case-worker']]))).toBeUndefined();
		expect(await cases.auditLog(await person('op', [], true))).toBeUndefined();
		expect((await cases.auditLog(admin))?.map((e) => e.reference)).toEqual([ra]);
	});

	it('the audit log is append-only', async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		await cases.open(
			await person('p', [['a', 'case-worker']]),
			await concern('c1', 'a', T0),
			'view',
			T0,
		);
		expectAppendOnly();
		expect(await store.office.auditLog(['a'], 10)).toHaveLength(1);
	});
});

describe('office feedback', () => {
	const DAY = 24 * 60 * MINUTE;
	const stored = () => {
		const db = new DatabaseSync(join(dir, 'store.sqlite'), { readOnly: true });
		try {
			return db.prepare('SELECT submission_id, body FROM office_feedback').all();
		} finally {
			db.close();
		}
	};
	const feedbackKinds = async (now: number) =>
		(await store.claimDue(now, 20, MINUTE)).filter((m) => m.kind === 'concern-feedback');

	it('only after acknowledging, once per concern (a double submit sends one e-mail), the choice sealed, audited without content', async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const reference = await concern('c1', 'a', T0);
		const p = await person('p', [['a', 'case-worker']]);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 1)).toBe('not-acknowledged');
		expect(stored()).toEqual([]);
		await cases.acknowledge(p, reference, T0 + 2);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 3)).toBe('sent');
		expect(await feedback.send(p, 'c1', 'confirmed-active', T0 + 4)).toBe('already');
		expect(await feedback.send(p, reference, 'not-confirmed-not-active', T0 + 5)).toBe('already');
		expect((await feedbackKinds(T0 + 10)).map((m) => m.submissionId)).toEqual(['c1']);
		expect(await feedback.sent(p, reference)).toEqual({
			sentAt: T0 + 3,
			choice: 'confirmed-active',
		});

		const [row] = stored() as { body: Uint8Array }[];
		expect(Buffer.from(row!.body).toString('latin1')).not.toContain('confirmed');
		expect(readFeedback(KEY, 'c1', row!.body)).toEqual({ choice: 'confirmed-active' });
		expect(() => readFeedback(KEY, 'c2', row!.body), 'bound to its concern').toThrow();
		const log = await store.office.auditLog(['a'], 10);
		expect(log.map((e) => [e.action, e.detail, e.reference])).toEqual([
			['feedback', null, reference],
			['acknowledge', null, reference],
		]);
		expect(JSON.stringify(log)).not.toContain('confirmed');
	});

	it("another office's concern does not exist: nothing stored, sent or audited", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const reference = await concern('c1', 'b', T0);
		await cases.acknowledge(await person('own', [['b', 'case-worker']]), reference, T0);
		const outsider = await person('p', [['a', 'office-admin']]);
		for (const key of [reference, 'c1', 'nothing'])
			expect(await feedback.send(outsider, key, 'confirmed-active', T0 + 1)).toBe('not-found');
		expect(await feedback.sent(outsider, reference)).toBeUndefined();
		expect(stored()).toEqual([]);
		expect(await feedbackKinds(T0 + 10)).toEqual([]);
		expect((await store.office.auditLog(['a', 'b'], 10)).map((e) => e.action)).toEqual([
			'acknowledge',
		]);
	});

	it("past the notifier's daily mail budget nothing is stored, and the feedback can be sent the next day", async () => {
		const limits = { perRecipient: 1, total: 100 };
		const cases = createOfficeCases(store, KEY, limits);
		const feedback = createOfficeFeedback(store, KEY, limits, cases);
		const reference = await concern('c1', 'a', T0);
		const p = await person('p', [['a', 'case-worker']]);
		await cases.acknowledge(p, reference, T0);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 1)).toBe('over-budget');
		expect(stored()).toEqual([]);
		expect((await store.office.auditLog(['a'], 10)).map((e) => e.action)).toEqual(['acknowledge']);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + DAY)).toBe('sent');
		expect(await feedbackKinds(T0 + DAY)).toHaveLength(1);
	});

	it("the outbox writes it in the notifier's language from the office country's template; a template gone from content fails loudly", async () => {
		const content = loadSiteContent(CONTENT);
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const p = await person('p', [['dk-eksempelby', 'case-worker']]);
		const reference = await concern('c1', 'dk-eksempelby', T0);
		await cases.acknowledge(p, reference, T0);
		await feedback.send(p, reference, 'support-started', T0 + 1);
		const message = (await feedbackKinds(T0 + 10))[0]!;
		const config = { MAIL_FROM: 'Site <no-reply@example.org>', SITE_URL: SITE } as Config;
		const noTokens = () => {
			throw new Error('a feedback e-mail has no booking links');
		};
		const mail = (await outboxRenderer(store, KEY, content, config, noTokens)(message))!;
		const template = content.countries
			.get('DK')!
			.feedbackTemplates.find((c) => c.id === 'support-started')!;
		expect(mail.to).toBe('teacher@example.com');
		expect(mail.text).toContain(template.text.da);
		expect(mail.subject).toBe(`Tilbagemelding på din underretning ${reference}`);
		expect(`${mail.text}${mail.html}`).not.toContain('secret-c1');

		const withoutIt = new Map(
			[...content.countries].map(([code, country]) => [
				code,
				{ ...country, feedbackTemplates: country.feedbackTemplates.filter((c) => c !== template) },
			]),
		);
		const render = outboxRenderer(
			store,
			KEY,
			{ ...content, countries: withoutIt },
			config,
			noTokens,
		);
		await expect(render(message)).rejects.toThrow(
			/support-started is no longer in content\/countries\/dk\.yaml/,
		);
	});

	it("migration 0008 keeps the audit log's entries and its append-only guard", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = await concern('c1', 'a', T0);
		await cases.open(await person('p', [['a', 'case-worker']]), reference, 'view', T0);
		await store.close();
		// Back to the schema before 0008 (the audit table as it was rebuilt is copied the same way),
		// without the tables and index later migrations add (0009: single sign-on; 0010: deadlines;
		// 0011: specialists).
		const db = new DatabaseSync(join(dir, 'store.sqlite'));
		db.exec(
			'DROP TABLE office_specialists; DROP TABLE specialist_weeks; DROP TABLE specialist_absences; DROP TABLE office_deadline_notices; DROP INDEX office_cases_open; DROP TABLE office_sign_ins; DROP TABLE office_sso_identities; DROP TABLE office_feedback; PRAGMA user_version = 7;',
		);
		db.close();
		store = openSqliteStore(dir);
		expect((await store.office.auditLog(['a'], 10)).map((e) => [e.action, e.reference])).toEqual([
			['view', reference],
		]);
		expectAppendOnly();
	});

	it("retention deletes the choice with the concern's body; without the body there is nobody to send to", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const p = await person('p', [['a', 'case-worker']]);
		const [sent, unsent] = [await concern('c1', 'a', T0), await concern('c2', 'a', T0)];
		for (const reference of [sent, unsent]) await cases.acknowledge(p, reference, T0);
		await feedback.send(p, sent, 'confirmed-active', T0 + 1);
		for (const reference of [sent, unsent]) await cases.setStatus(p, reference, 'closed', T0 + 2);
		expect((await store.purge(T0 + 100 * DAY, 0, T0 + 50 * DAY)).undelivered).toBe(2);
		expect(stored()).toEqual([{ submission_id: 'c1', body: null }]);
		expect(await feedback.sent(p, sent)).toEqual({ sentAt: T0 + 1, choice: undefined });
		expect(await feedback.send(p, unsent, 'confirmed-active', T0 + 100 * DAY)).toBe('no-recipient');
	});
});

describe('office people', () => {
	const good = {
		email: 'new@example.org',
		name: 'Nina',
		office: 'a',
		role: 'case-worker',
		locale: 'da',
	};

	it('an admin adds people and roles to their own offices only, each field checked', async () => {
		const people = createOfficePeople(
			store,
			createSignInLinks(store.office, store.rateLimiter, KEY, SITE),
			['a', 'b', 'c'],
		);
		const admin = await person('admin', [
			['a', 'office-admin'],
			['b', 'case-worker'],
		]);
		expect(
			await people.add(
				admin,
				{ ...good, office: 'b', role: 'owner', locale: 'fr', email: 'x', name: '' },
				T0,
			),
		).toEqual({
			ok: false,
			errors: {
				email: 'error.email',
				name: 'error.required',
				office: 'error.choose',
				role: 'error.choose',
				locale: 'error.choose',
			},
		});
		expect(await people.add(admin, { ...good, name: ' ' }, T0)).toEqual({
			ok: false,
			errors: { name: 'error.required' },
		});
		expect(await store.office.listPeople()).toEqual(['admin']);
		expect(await people.add(admin, good, T0)).toEqual({ ok: true, email: 'new@example.org' });
		// Someone who exists gets the role, without a name, and is not added twice.
		const other = await person('other', [['c', 'case-worker']]);
		expect(
			await people.add(admin, { ...good, email: other.email, name: '', role: 'office-admin' }, T0),
		).toMatchObject({ ok: true });
		expect((await store.office.person('other'))!.memberships).toEqual([
			{ officeId: 'a', role: 'office-admin' },
			{ officeId: 'c', role: 'case-worker' },
		]);
		expect((await people.team(admin))!.map((m) => m.person.email).sort()).toEqual([
			'admin@example.org',
			'new@example.org',
			'other@example.org',
		]);
		expect(await people.team(await person('worker', [['a', 'case-worker']]))).toBeUndefined();
	});

	it("an operator manages every office's admins, and only them; a role taken away is audited and gone at once", async () => {
		const people = createOfficePeople(
			store,
			createSignInLinks(store.office, store.rateLimiter, KEY, SITE),
			['a', 'b', 'c'],
		);
		const operator = await person('op', [], true);
		const adminA = await person('admin-a', [['a', 'office-admin']]);
		const worker = await person('worker', [
			['a', 'case-worker'],
			['b', 'case-worker'],
		]);
		expect([...people.scope(operator)]).toEqual([
			['a', ['office-admin']],
			['b', ['office-admin']],
			['c', ['office-admin']],
		]);
		// The operator sees the admins (and themself), not the case workers.
		expect((await people.team(operator))!.map((m) => m.person.id).sort()).toEqual([
			'admin-a',
			'op',
		]);
		// An admin for office c: yes; a case worker: not the operator's to give.
		expect(
			await people.add(operator, { ...good, office: 'c', role: 'case-worker' }, T0),
		).toMatchObject({ ok: false, errors: { role: 'error.choose' } });
		expect(await people.add(operator, { ...good, office: 'c', role: 'office-admin' }, T0)).toEqual({
			ok: true,
			email: 'new@example.org',
		});
		// Removing: the operator takes an admin role away, not a case worker's; nobody their own.
		expect(await people.remove(operator, worker.id, 'a', T0 + 1)).toBe('not-found');
		expect(await people.remove(adminA, adminA.id, 'a', T0 + 1)).toBe('not-found');
		expect(await people.remove(adminA, worker.id, 'b', T0 + 1), "not admin-a's office").toBe(
			'not-found',
		);
		expect(await people.remove(adminA, worker.id, 'a', T0 + 1)).toBe('removed');
		expect(await people.remove(adminA, worker.id, 'a', T0 + 2), 'once').toBe('not-found');
		expect((await store.office.person(worker.id))!.memberships).toEqual([
			{ officeId: 'b', role: 'case-worker' },
		]);
		expect(await people.remove(operator, adminA.id, 'a', T0 + 3)).toBe('removed');
		// Their sessions read the memberships on every request: office a is out of reach at once.
		const sessions = createOfficeSessions(store.office, SITE);
		const id = await sessions.start(worker.id, 'passkey', T0 + 3);
		expect((await sessions.resolve(id, T0 + 4))!.person.memberships).toEqual([
			{ officeId: 'b', role: 'case-worker' },
		]);
		expect(
			(await store.office.auditLog(['a', 'c'], 10)).map((e) => [e.personId, e.action, e.detail]),
		).toEqual([
			['op', 'member-remove', 'office-admin'],
			['admin-a', 'member-remove', 'case-worker'],
			['op', 'member-add', 'office-admin'],
		]);
	});

	it("a reset is only for a person of the admin's offices, and not for the admin themself", async () => {
		const people = createOfficePeople(
			store,
			createSignInLinks(store.office, store.rateLimiter, KEY, SITE),
			['a', 'b', 'c'],
		);
		const admin = await person('admin', [['a', 'office-admin']]);
		const inside = await person('inside', [['a', 'case-worker']]);
		const outside = await person('outside', [['b', 'case-worker']]);
		for (const p of [admin, inside, outside])
			await store.office.addPasskey(
				{ id: `cred-${p.id}`, personId: p.id, publicKey: 'AAAA', counter: 0, transports: [] },
				T0,
			);
		expect(await people.reset(admin, outside.id, T0)).toBe('not-found');
		expect(await people.reset(admin, admin.id, T0)).toBe('not-found');
		expect(await people.reset(admin, 'nobody', T0)).toBe('not-found');
		expect(await people.reset(admin, inside.id, T0)).toBe('reset');
		expect(await store.office.passkeys('inside')).toEqual([]);
		expect(await store.office.passkeys('outside')).toHaveLength(1);
		expect((await store.health(T0)).pending, 'one new enrolment link').toBe(1);
	});
});
