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
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'office-test-'));
	store = openSqliteStore(dir);
});
afterEach(() => {
	store.close();
	rmSync(dir, { recursive: true, force: true });
});

function person(
	id: string,
	memberships: [string, 'case-worker' | 'office-admin'][] = [],
	operator = false,
): OfficePerson {
	store.office.addPerson({
		id,
		email: `${id}@example.org`,
		name: id,
		locale: 'da',
		operator,
		now: T0,
	});
	for (const [office, role] of memberships) store.office.setMembership(id, office, role);
	return store.office.person(id)!;
}

function concern(
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
	const accepted = store.accept({
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
	it('run out after 30 minutes without a request and 12 hours after sign-in, however busy', () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = person('p1', [['a', 'case-worker']]);
		const idle = sessions.start(p.id, 'passkey', T0);
		expect(sessions.resolve(idle, T0 + IDLE_MS - 1)?.person.id).toBe('p1');
		expect(sessions.resolve(idle, T0 + 2 * IDLE_MS - 2)?.person.id, 'the last request counts').toBe(
			'p1',
		);
		expect(sessions.resolve(idle, T0 + 3 * IDLE_MS)).toBeUndefined();
		expect(
			sessions.resolve(idle, T0 + 2 * IDLE_MS),
			'ended for good, not only refused',
		).toBeUndefined();

		const busy = sessions.start(p.id, 'passkey', T0);
		let now = T0;
		while (now + 20 * MINUTE < T0 + ABSOLUTE_MS)
			expect(sessions.resolve(busy, (now += 20 * MINUTE))).toBeDefined();
		expect(sessions.resolve(busy, T0 + ABSOLUTE_MS)).toBeUndefined();
	});

	it("an e-mail link's session lasts 15 minutes and says it may only enrol", () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = person('p1');
		const id = sessions.start(p.id, 'enrol', T0);
		expect(sessions.resolve(id, T0 + 5 * MINUTE)?.level).toBe('enrol');
		expect(sessions.resolve(id, T0 + 10 * MINUTE)?.level).toBe('enrol');
		expect(sessions.resolve(id, T0 + ENROL_MS)).toBeUndefined();
	});

	it('stores only the hash of the id; a forged or malformed id signs nobody in; sign out everywhere ends every session', () => {
		const sessions = createOfficeSessions(store.office, SITE);
		const p = person('p1');
		const [a, b] = [sessions.start(p.id, 'passkey', T0), sessions.start(p.id, 'passkey', T0)];
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
			expect(sessions.resolve(forged, T0 + MINUTE), String(forged)).toBeUndefined();
		}
		expect(sessions.endEverywhere(p.id)).toBe(2);
		expect(sessions.resolve(a, T0 + MINUTE)).toBeUndefined();
		expect(sessions.resolve(b, T0 + MINUTE)).toBeUndefined();
	});

	it('the cookie is __Host- and Secure behind TLS only', () => {
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
	it('sign in once, before they run out, and only a person without a passkey', () => {
		const links = createSignInLinks(store.office, KEY, SITE);
		const p = person('p1');
		const token = (url: string) => new URL(url).searchParams.get('token')!;
		const first = token(links.send(p, T0)!);
		expect(links.use(first, T0 + MINUTE)).toMatchObject({ status: 'ok', person: { id: 'p1' } });
		expect(links.use(first, T0 + MINUTE)).toEqual({ status: 'invalid' });
		const late = token(links.send(p, T0)!);
		expect(links.use(late, T0 + LINK_MS)).toEqual({ status: 'invalid' });
		const unused = token(links.send(p, T0)!);
		store.office.addPasskey(
			{ id: 'cred', personId: 'p1', publicKey: 'AAAA', counter: 0, transports: [] },
			T0,
		);
		expect(links.send(p, T0), 'no new link for a person with a passkey').toBeUndefined();
		expect(links.use(unused, T0 + MINUTE)).toEqual({ status: 'has-passkey' });
		// Each link is a message in the outbox, its body encrypted like a concern's.
		expect(store.health(T0).pending).toBe(3);
	});

	it('answer a request the same whether the address is known, within limits per address and per client', () => {
		const links = createSignInLinks(store.office, KEY, SITE);
		person('p1');
		for (let i = 0; i < LINKS_PER_ADDRESS_PER_HOUR; i++)
			expect(links.request('P1@example.org ', `client-${i}`, T0)).toBe(true);
		expect(links.request('p1@example.org', 'client-x', T0), 'per address').toBe(false);
		expect(links.request('nobody@example.org', 'client-y', T0)).toBe(true);
		expect(store.health(T0).pending).toBe(LINKS_PER_ADDRESS_PER_HOUR);
		const many = Array.from({ length: 12 }, (_, i) =>
			links.request(`n${i}@example.org`, 'one-client', T0),
		);
		expect(many.filter((ok) => !ok).length, 'per client').toBeGreaterThan(0);
		expect(links.request('p1@example.org', 'client-z', T0 + 3600_000)).toBe(true);
	});
});

describe('office cases', () => {
	it("the inbox: only the person's offices, urgent first, then the newest", () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const old = concern('old', 'a', T0);
		const urgent = concern('urgent', 'a', T0 + MINUTE, true);
		const newest = concern('newest', 'a', T0 + 2 * MINUTE);
		concern('other', 'b', T0 + 3 * MINUTE, true);
		const p = person('p', [['a', 'case-worker']]);
		expect(cases.inbox(p).map((c) => c.reference)).toEqual([urgent, newest, old]);
		expect(cases.inbox(person('op', [], true))).toEqual([]);
		const both = person('both', [
			['a', 'case-worker'],
			['b', 'office-admin'],
		]);
		expect(cases.inbox(both)).toHaveLength(4);
	});

	it("another office's concern does not exist, by reference or id, and opening it is not audited", () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = concern('c1', 'b', T0);
		const p = person('p', [['a', 'office-admin']]);
		for (const key of [reference, 'c1', 'nothing', 'x'.repeat(500)]) {
			expect(cases.open(p, key, 'view', T0)).toBeUndefined();
			expect(cases.open(p, key, 'export', T0)).toBeUndefined();
			expect(cases.acknowledge(p, key, T0)).toBe('not-found');
			expect(cases.setStatus(p, key, 'closed', T0)).toBe('not-found');
		}
		expect(store.office.auditLog(['a', 'b'], 10)).toEqual([]);
	});

	it('opening decrypts and audits; acknowledging queues one receipt; status follows; the audit holds no content', () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = concern('c1', 'a', T0);
		const p = person('p', [['a', 'case-worker']]);
		expect(cases.setStatus(p, reference, 'closed', T0), 'acknowledged first').toBe(
			'not-acknowledged',
		);
		expect(cases.open(p, reference, 'view', T0 + 1)?.concern?.childName).toBe('secret-c1');
		expect(cases.acknowledge(p, 'c1', T0 + 2)).toBe('acknowledged');
		expect(cases.acknowledge(p, reference, T0 + 3)).toBe('already');
		expect(
			store
				.claimDue(T0 + 10, 10, MINUTE)
				.map((m) => m.kind)
				.sort(),
		).toEqual(['concern-acknowledged', 'concern-office']);
		expect(cases.setStatus(p, reference, 'in-assessment', T0 + 4)).toBe('changed');
		expect(cases.setStatus(p, reference, 'in-assessment', T0 + 5)).toBe('unchanged');
		expect(cases.setStatus(p, reference, 'closed', T0 + 6)).toBe('changed');
		expect(store.office.findCase(reference)).toMatchObject({
			status: 'closed',
			acknowledgedAt: T0 + 2,
			statusChangedAt: T0 + 6,
		});
		const log = store.office.auditLog(['a'], 10);
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

	it("no receipt beyond the notifier's daily mail budget; the acknowledgement itself stands", () => {
		const cases = createOfficeCases(store, KEY, { perRecipient: 1, total: 100 });
		const p = person('p', [['a', 'case-worker']]);
		for (const id of ['c1', 'c2']) cases.acknowledge(p, concern(id, 'a', T0), T0);
		expect(
			store.claimDue(T0, 10, MINUTE).filter((m) => m.kind === 'concern-acknowledged'),
		).toHaveLength(1);
		expect(store.office.findCase('c2')?.status).toBe('acknowledged');
	});

	it('only an office admin reads the audit log, of their own offices', () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const ra = concern('ca', 'a', T0);
		const rb = concern('cb', 'b', T0);
		const admin = person('admin', [
			['a', 'office-admin'],
			['b', 'case-worker'],
		]);
		cases.open(admin, ra, 'view', T0);
		cases.open(admin, rb, 'export', T0);
		expect(cases.auditLog(person('worker', [['a', 'case-worker']]))).toBeUndefined();
		expect(cases.auditLog(person('op', [], true))).toBeUndefined();
		expect(cases.auditLog(admin)?.map((e) => e.reference)).toEqual([ra]);
	});

	it('the audit log is append-only', () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		cases.open(person('p', [['a', 'case-worker']]), concern('c1', 'a', T0), 'view', T0);
		expectAppendOnly();
		expect(store.office.auditLog(['a'], 10)).toHaveLength(1);
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
	const feedbackKinds = (now: number) =>
		store.claimDue(now, 20, MINUTE).filter((m) => m.kind === 'concern-feedback');

	it('only after acknowledging, once per concern (a double submit sends one e-mail), the choice sealed, audited without content', async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const reference = concern('c1', 'a', T0);
		const p = person('p', [['a', 'case-worker']]);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 1)).toBe('not-acknowledged');
		expect(stored()).toEqual([]);
		cases.acknowledge(p, reference, T0 + 2);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 3)).toBe('sent');
		expect(await feedback.send(p, 'c1', 'confirmed-active', T0 + 4)).toBe('already');
		expect(await feedback.send(p, reference, 'not-confirmed-not-active', T0 + 5)).toBe('already');
		expect(feedbackKinds(T0 + 10).map((m) => m.submissionId)).toEqual(['c1']);
		expect(await feedback.sent(p, reference)).toEqual({
			sentAt: T0 + 3,
			choice: 'confirmed-active',
		});

		const [row] = stored() as { body: Uint8Array }[];
		expect(Buffer.from(row!.body).toString('latin1')).not.toContain('confirmed');
		expect(readFeedback(KEY, 'c1', row!.body)).toEqual({ choice: 'confirmed-active' });
		expect(() => readFeedback(KEY, 'c2', row!.body), 'bound to its concern').toThrow();
		const log = store.office.auditLog(['a'], 10);
		expect(log.map((e) => [e.action, e.detail, e.reference])).toEqual([
			['feedback', null, reference],
			['acknowledge', null, reference],
		]);
		expect(JSON.stringify(log)).not.toContain('confirmed');
	});

	it("another office's concern does not exist: nothing stored, sent or audited", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const reference = concern('c1', 'b', T0);
		cases.acknowledge(person('own', [['b', 'case-worker']]), reference, T0);
		const outsider = person('p', [['a', 'office-admin']]);
		for (const key of [reference, 'c1', 'nothing'])
			expect(await feedback.send(outsider, key, 'confirmed-active', T0 + 1)).toBe('not-found');
		expect(await feedback.sent(outsider, reference)).toBeUndefined();
		expect(stored()).toEqual([]);
		expect(feedbackKinds(T0 + 10)).toEqual([]);
		expect(store.office.auditLog(['a', 'b'], 10).map((e) => e.action)).toEqual(['acknowledge']);
	});

	it("past the notifier's daily mail budget nothing is stored, and the feedback can be sent the next day", async () => {
		const limits = { perRecipient: 1, total: 100 };
		const cases = createOfficeCases(store, KEY, limits);
		const feedback = createOfficeFeedback(store, KEY, limits, cases);
		const reference = concern('c1', 'a', T0);
		const p = person('p', [['a', 'case-worker']]);
		cases.acknowledge(p, reference, T0);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + 1)).toBe('over-budget');
		expect(stored()).toEqual([]);
		expect(store.office.auditLog(['a'], 10).map((e) => e.action)).toEqual(['acknowledge']);
		expect(await feedback.send(p, reference, 'confirmed-active', T0 + DAY)).toBe('sent');
		expect(feedbackKinds(T0 + DAY)).toHaveLength(1);
	});

	it("the outbox writes it in the notifier's language from the office country's template; a template gone from content fails loudly", async () => {
		const content = loadSiteContent(CONTENT);
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const p = person('p', [['dk-eksempelby', 'case-worker']]);
		const reference = concern('c1', 'dk-eksempelby', T0);
		cases.acknowledge(p, reference, T0);
		await feedback.send(p, reference, 'support-started', T0 + 1);
		const message = feedbackKinds(T0 + 10)[0]!;
		const config = { MAIL_FROM: 'Site <no-reply@example.org>', SITE_URL: SITE } as Config;
		const noTokens = () => {
			throw new Error('a feedback e-mail has no booking links');
		};
		const mail = outboxRenderer(store, KEY, content, config, noTokens)(message)!;
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
		expect(() => render(message)).toThrow(
			/support-started is no longer in content\/countries\/dk\.yaml/,
		);
	});

	it("migration 0008 keeps the audit log's entries and its append-only guard", () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const reference = concern('c1', 'a', T0);
		cases.open(person('p', [['a', 'case-worker']]), reference, 'view', T0);
		store.close();
		// Back to the schema before 0008 (the audit table as it was rebuilt is copied the same way).
		const db = new DatabaseSync(join(dir, 'store.sqlite'));
		db.exec('DROP TABLE office_feedback; PRAGMA user_version = 7;');
		db.close();
		store = openSqliteStore(dir);
		expect(store.office.auditLog(['a'], 10).map((e) => [e.action, e.reference])).toEqual([
			['view', reference],
		]);
		expectAppendOnly();
	});

	it("retention deletes the choice with the concern's body; without the body there is nobody to send to", async () => {
		const cases = createOfficeCases(store, KEY, MAIL);
		const feedback = createOfficeFeedback(store, KEY, MAIL, cases);
		const p = person('p', [['a', 'case-worker']]);
		const [sent, unsent] = [concern('c1', 'a', T0), concern('c2', 'a', T0)];
		for (const reference of [sent, unsent]) cases.acknowledge(p, reference, T0);
		await feedback.send(p, sent, 'confirmed-active', T0 + 1);
		for (const reference of [sent, unsent]) cases.setStatus(p, reference, 'closed', T0 + 2);
		expect(store.purge(T0 + 100 * DAY, 0, T0 + 50 * DAY).undelivered).toBe(2);
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

	it('an admin adds people and roles to their own offices only, each field checked', () => {
		const people = createOfficePeople(store, createSignInLinks(store.office, KEY, SITE));
		const admin = person('admin', [
			['a', 'office-admin'],
			['b', 'case-worker'],
		]);
		expect(
			people.add(
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
		expect(people.add(admin, { ...good, name: ' ' }, T0)).toEqual({
			ok: false,
			errors: { name: 'error.required' },
		});
		expect(store.office.listPeople()).toEqual(['admin']);
		expect(people.add(admin, good, T0)).toEqual({ ok: true, email: 'new@example.org' });
		// Someone who exists gets the role, without a name, and is not added twice.
		const other = person('other', [['c', 'case-worker']]);
		expect(
			people.add(admin, { ...good, email: other.email, name: '', role: 'office-admin' }, T0),
		).toMatchObject({ ok: true });
		expect(store.office.person('other')!.memberships).toEqual([
			{ officeId: 'a', role: 'office-admin' },
			{ officeId: 'c', role: 'case-worker' },
		]);
		expect(
			people
				.team(admin)!
				.map((m) => m.person.email)
				.sort(),
		).toEqual(['admin@example.org', 'new@example.org', 'other@example.org']);
		expect(people.team(person('worker', [['a', 'case-worker']]))).toBeUndefined();
	});

	it("a reset is only for a person of the admin's offices, and not for the admin themself", () => {
		const people = createOfficePeople(store, createSignInLinks(store.office, KEY, SITE));
		const admin = person('admin', [['a', 'office-admin']]);
		const inside = person('inside', [['a', 'case-worker']]);
		const outside = person('outside', [['b', 'case-worker']]);
		for (const p of [admin, inside, outside])
			store.office.addPasskey(
				{ id: `cred-${p.id}`, personId: p.id, publicKey: 'AAAA', counter: 0, transports: [] },
				T0,
			);
		expect(people.reset(admin, outside.id, T0)).toBe('not-found');
		expect(people.reset(admin, admin.id, T0)).toBe('not-found');
		expect(people.reset(admin, 'nobody', T0)).toBe('not-found');
		expect(people.reset(admin, inside.id, T0)).toBe('reset');
		expect(store.office.passkeys('inside')).toEqual([]);
		expect(store.office.passkeys('outside')).toHaveLength(1);
		expect(store.health(T0).pending, 'one new enrolment link').toBe(1);
	});
});
