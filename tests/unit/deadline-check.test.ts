/**
 * The deadline check on a real store (SQLite and PostgreSQL), the tests' content and a simulated clock: reminders before
 * each deadline and escalations after it, across a weekend and public holidays, each queued once
 * (also across a restart), none for a concern acknowledged, assessed or closed in time – and no
 * deadline e-mail carries anything of the concern.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CONTENT_DIR } from '../fixtures/app-server.ts';
import { addStaff, type StaffRole } from '../fixtures/office-staff.ts';
import { storeBackends, type OpenedStore } from '../fixtures/store-backends.ts';
import type { Config } from '../../src/server/config.ts';
import { loadSiteContent } from '../../src/server/content-files.ts';
import { encrypt } from '../../src/server/data-crypto.ts';
import { outboxRenderer } from '../../src/server/mail/render-outbox-message.ts';
import type { MailMessage } from '../../src/server/mail/mail-message.ts';
import { createDeadlineCheck } from '../../src/server/office/deadline-check.ts';
import { createOfficeDeadlines } from '../../src/server/office/deadlines.ts';
import type { Store } from '../../src/server/store.ts';
import type { CaseRow } from '../../src/server/store/office-types.ts';

const content = loadSiteContent(TEST_CONTENT_DIR);
const deadlines = createOfficeDeadlines(content);
const KEY = Buffer.alloc(32, 9);
const HOUR = 3600_000;
const config = {
	MAIL_FROM: 'site@example.org',
	SITE_URL: 'https://concerns.example.org',
} as Config;
const MARKER = 'MARKER7Q';

let opened: OpenedStore;
let store: Store;
let clock: number;
let wakes: number;

const check = () =>
	createDeadlineCheck({
		store,
		deadlines,
		wakeOutbox: () => wakes++,
		now: () => clock,
		log: () => {},
	});

/** A concern whose every answer carries the marker, accepted at `at`. */
async function concern(id: string, officeId: string, at: number, urgent = false): Promise<string> {
	const body = Object.fromEntries(
		['childName', 'observation', 'reporterName', 'reporterEmail', 'reporterOrganisation'].map(
			(field) => [field, `${MARKER}-${field}`],
		),
	);
	const accepted = await store.accept({
		id,
		kind: 'concern',
		officeId,
		locale: 'da',
		body: encrypt(
			KEY,
			JSON.stringify({ ...body, locale: 'da', urgency: urgent ? 'today' : 'not-urgent' }),
			id,
		),
		messages: ['concern-office'],
		priority: urgent ? 1 : 0,
		now: at,
	});
	if ('replayed' in accepted) throw new Error('replayed');
	return accepted.reference;
}

async function admin(id: string, officeId: string, role: StaffRole = 'office-admin') {
	await addStaff(store, id, [[officeId, role]]);
}

/** The deadline e-mails queued so far, rendered as the worker would send them. */
async function deadlineMails(): Promise<(MailMessage & { kind: string })[]> {
	const render = outboxRenderer(store, KEY, content, config, () => {
		throw new Error('no booking here');
	});
	const messages = await store.claimDue(Number.MAX_SAFE_INTEGER, 100, HOUR);
	const mails = [];
	for (const m of messages.filter((m) => m.kind.startsWith('deadline-')))
		mails.push({ ...(await render(m))!, kind: m.kind });
	return mails;
}

describe.each(storeBackends())('on the $name store', (backend) => {
	beforeEach(async () => {
		opened = await backend.open();
		store = opened.store;
		wakes = 0;
	});
	afterEach(() => opened.cleanup());

	it('reads the open concerns a page at a time: every one once, none closed, none skipped', async () => {
		const ids = ['e', 'a', 'd', 'b', 'f', 'c', 'g'];
		for (const id of ids) await concern(id, 'dk-eksempelby', 0);
		await store.office.setStatus('d', 'closed', 'w', 1);
		const read: string[] = [];
		for (let after = '', page = await store.deadlines.openCases('', 2); page.length > 0; ) {
			expect(page.length).toBeLessThanOrEqual(2);
			read.push(...page.map((c) => c.submissionId));
			after = page.at(-1)!.submissionId;
			page = await store.deadlines.openCases(after, 2);
		}
		expect(read).toEqual(['a', 'b', 'c', 'e', 'f', 'g']);
	});

	describe('the deadline check', () => {
		it('reminds before and escalates after each Danish deadline, once, across Christmas and a weekend', async () => {
			await admin('admin-b', 'dk-eksempelby');
			await admin('admin-a', 'dk-eksempelby');
			await admin('worker', 'dk-eksempelby', 'case-worker');
			// Tuesday 22 December 2026, 15:00 in Copenhagen.
			const t0 = Date.parse('2026-12-22T15:00:00+01:00');
			const reference = await concern('c1', 'dk-eksempelby', t0, true);
			const steps: [string, number, number][] = [
				['on arrival', t0, 0],
				['17 hours later', t0 + 17 * HOUR, 0],
				['the assessment reminder, 6 hours before 24', t0 + 18 * HOUR, 1],
				['not again', t0 + 19 * HOUR, 0],
				['the assessment escalation after 24 hours', t0 + 24 * HOUR, 1],
				// 6 calendar days, or working days without Christmas, would have ended on the 28th or 30th.
				['not before the last working day', Date.parse('2026-12-30T23:59:00+01:00'), 0],
				['the receipt reminder on 31 December', Date.parse('2026-12-31T00:00:00+01:00'), 1],
			];
			const first = check();
			for (const [step, at, queued] of steps) {
				clock = at;
				expect(await first.run(), step).toBe(queued);
			}
			expect(wakes).toBe(3);

			// A restart: a new store and a new check on the same data.
			await store.close();
			store = await opened.another();
			clock = Date.parse('2027-01-01T00:00:00+01:00');
			expect(await check().run(), 'the receipt escalation once the 31st is over').toBe(1);
			expect(await check().run(), 'a second process queues nothing again').toBe(0);
			clock += 30 * 24 * HOUR;
			expect(await check().run(), 'nor does a month later').toBe(0);

			const mails = await deadlineMails();
			expect(mails.map((m) => [m.kind, m.to])).toEqual([
				['deadline-assessment-reminder', ['underretning@eksempelby.example.org']],
				['deadline-assessment-escalation', ['admin-a@example.org', 'admin-b@example.org']],
				['deadline-receipt-reminder', ['underretning@eksempelby.example.org']],
				['deadline-receipt-escalation', ['admin-a@example.org', 'admin-b@example.org']],
			]);
			for (const mail of mails) {
				const all = [mail.subject, mail.text, mail.html].join('\n');
				expect(all).toContain(reference);
				expect(all).toContain('https://concerns.example.org/office/');
				expect(all, 'no answer of the concern').not.toContain(MARKER);
				// In the office's language (Danish), with the urgency.
				expect(mail.text).toContain('Den, der underrettede, mener, at enheden bør handle i dag.');
			}
			expect(mails[0]?.subject).toMatch(/^Påmindelse: Vurdering for underretning/);
			expect(mails[3]?.subject).toMatch(/^Frist overskredet: Kvittering/);
			// A working-day deadline ends with its last day; an hour deadline at its hour.
			expect(mails[2]?.text).toContain('senest 31. december 2026 kl. 23.59');
			expect(mails[0]?.text).toContain('senest 23. december 2026 kl. 15.00');
		});

		it('sends nothing for a concern acknowledged, assessed or closed in time; a late start skips the reminder', async () => {
			const t0 = Date.parse('2026-12-22T15:00:00+01:00');
			const office = 'dk-eksempelby';
			await concern('acknowledged', office, t0);
			await concern('assessed', office, t0);
			await concern('closed', office, t0);
			await concern('late', office, t0);
			await store.office.addPerson({
				id: 'w',
				email: 'w@example.org',
				name: 'w',
				locale: 'da',
				operator: false,
				now: 0,
			});
			await store.office.acknowledge('acknowledged', 'w', t0 + HOUR, undefined);
			await store.office.acknowledge('assessed', 'w', t0 + HOUR, undefined);
			await store.office.setStatus('assessed', 'in-assessment', 'w', t0 + 2 * HOUR);
			await store.office.acknowledge('closed', 'w', t0 + HOUR, undefined);
			await store.office.setStatus('closed', 'closed', 'w', t0 + 2 * HOUR);

			// The first check runs only after both deadlines passed (the server was down).
			clock = Date.parse('2027-01-04T09:00:00+01:00');
			expect(await check().run()).toBe(3);
			const mails = await deadlineMails();
			expect(mails.map((m) => m.kind).sort()).toEqual([
				'deadline-assessment-escalation',
				'deadline-assessment-escalation',
				'deadline-receipt-escalation',
			]);
			// No admin in the office yet: the escalation goes to the office's own address.
			expect(mails[0]?.to).toEqual(['underretning@eksempelby.example.org']);
			expect((await store.deadlines.openCases('', 100)).map((c) => c.submissionId)).toEqual([
				'acknowledged',
				'assessed',
				'late',
			]);
		});

		it("counts a German office's deadlines in the operator's working days, without Tag der Deutschen Einheit", async () => {
			// Thursday 2 October 2025, 10:00 in Berlin; 3 October is a holiday, then a weekend.
			const t0 = Date.parse('2025-10-02T10:00:00+02:00');
			await concern('de1', 'de-musterstadt', t0);
			const run = async (iso: string) => {
				clock = Date.parse(iso);
				return check().run();
			};
			// Receipt in 5 working days: 6–10 October, reminded on the 10th.
			expect(await run('2025-10-09T23:59:00+02:00')).toBe(0);
			expect(await run('2025-10-10T00:00:00+02:00')).toBe(1);
			expect(await run('2025-10-11T00:00:00+02:00')).toBe(1);
			const mails = await deadlineMails();
			expect(mails.map((m) => m.subject)).toEqual([
				expect.stringMatching(/^Erinnerung: Eingangsbestätigung/),
				expect.stringMatching(/^Frist versäumt: Eingangsbestätigung/),
			]);
		});

		it('two instances checking at once queue each notice once', async () => {
			await concern('c1', 'dk-eksempelby', 0);
			clock = 30 * HOUR;
			const other = await opened.another();
			const checkOn = (s: Store) =>
				createDeadlineCheck({
					store: s,
					deadlines,
					wakeOutbox: () => {},
					now: () => clock,
					log: () => {},
				});
			const counts = await Promise.all([checkOn(store).run(), checkOn(other).run()]);
			expect(counts.sort()).toEqual([0, 1]);
			expect((await deadlineMails()).map((m) => m.kind)).toEqual([
				'deadline-assessment-escalation',
			]);
		});

		it('one run at a time: a second call while one runs shares its result', async () => {
			await concern('c1', 'dk-eksempelby', 0);
			clock = 30 * HOUR;
			const c = check();
			const [a, b] = await Promise.all([c.run(), c.run()]);
			expect([a, b], 'the assessment escalation, counted by the one run').toEqual([1, 1]);
			expect(await c.run()).toBe(0);
		});
	});

	describe('failures', () => {
		it('a failing store is logged without content, and the next run queues what is due', async () => {
			const reference = await concern('c1', 'dk-eksempelby', 0);
			clock = 30 * HOUR;
			const lines: string[] = [];
			let fail = true;
			const flaky = {
				deadlines: {
					...store.deadlines,
					openCases: async (after: string, limit: number) => {
						if (fail) throw new Error('SQLITE_BUSY: database is locked');
						return store.deadlines.openCases(after, limit);
					},
				},
			};
			const c = createDeadlineCheck({
				store: flaky,
				deadlines,
				wakeOutbox: () => wakes++,
				now: () => clock,
				log: (line) => lines.push(line),
			});
			await expect(c.run()).rejects.toThrow('SQLITE_BUSY');
			c.start(3_600_000);
			c.stop();
			await expect
				.poll(() => lines)
				.toEqual(['deadlines: check failed: Error SQLITE_BUSY: database is locked']);
			fail = false;
			expect(await c.run()).toBe(1);
			expect(lines.at(-1)).toBe(`deadlines: queued the assessment escalation for ${reference}`);
			expect(lines.join('\n')).not.toContain(MARKER);
		});
	});
});

describe('the offices’ calendars', () => {
	it('an office whose holidayRegion the holiday library does not know stops the start, naming its file', () => {
		const office = { ...content.offices.get('de-musterstadt')!, holidayRegion: 'XY' };
		expect(() =>
			createOfficeDeadlines({ ...content, offices: new Map([['de-musterstadt', office]]) }),
		).toThrow('content/offices/de-musterstadt.yaml: holidayRegion "XY" is not a region of DE');
	});
});

describe('the inbox order', () => {
	it('urgent first, then by the next open deadline (overdue first), then the newest', () => {
		const row = (id: string, receivedAt: number, urgent: boolean, status = 'new' as const) => ({
			id,
			officeId: 'dk-eksempelby',
			receivedAt,
			urgent,
			status,
			acknowledgedAt: null,
		});
		const t0 = Date.parse('2026-12-22T15:00:00+01:00');
		const now = t0 + 30 * HOUR;
		const entries = deadlines.inbox(
			[
				row('fresh', t0 + 29 * HOUR, false),
				row('overdue', t0, false),
				row('urgent-fresh', t0 + 29 * HOUR, true),
				{ ...row('closed', t0 + 10 * HOUR, false), status: 'closed' as const },
				// An office no longer in content: no deadlines, still listed.
				{ ...row('gone', t0, false), officeId: 'gone' },
			],
			now,
		);
		expect(entries.map((e) => [e.row.id, e.overdue])).toEqual([
			['urgent-fresh', false],
			['overdue', true],
			['fresh', false],
			['closed', false],
			['gone', false],
		]);
		expect(entries[1]?.next?.kind).toBe('assessment');
		expect(entries[3]?.next).toBeUndefined();
	});
});

describe('a check over many open concerns', () => {
	it('lets the server answer requests while it works: it reads and works in pages, a turn of the event loop between them', async () => {
		const receivedAt = Date.parse('2026-12-22T15:00:00+01:00');
		const rows: CaseRow[] = Array.from({ length: 2000 }, (_, i) => ({
			submissionId: `s${String(i).padStart(4, '0')}`,
			reference: `REF-${i}`,
			officeId: 'dk-eksempelby',
			locale: 'da',
			receivedAt,
			urgent: false,
			status: 'new',
			acknowledgedAt: null,
			statusChangedAt: receivedAt,
			exportedAt: null,
		}));
		let asked = 0;
		let turns = 0;
		let counting = true;
		const countTurns = () => {
			if (!counting) return;
			turns++;
			setImmediate(countTurns);
		};
		setImmediate(countTurns);
		const queued = await createDeadlineCheck({
			store: {
				deadlines: {
					openCases: async (after, limit) =>
						rows.filter((r) => r.submissionId > after).slice(0, limit),
					// Every one was queued before: the check only works them out.
					queueNotice: async () => (asked++, false),
					noticeDueAt: async () => undefined,
					officeAdminEmails: async () => [],
				},
			},
			deadlines,
			wakeOutbox: () => {},
			now: () => receivedAt + 30 * HOUR,
			log: () => {},
		}).run();
		counting = false;
		expect(queued).toBe(0);
		// Each concern's assessment deadline (24 hours) has passed: its escalation was looked at.
		expect(asked).toBe(2000);
		// 2,000 concerns in pages of 250: the loop turned between the pages.
		expect(turns).toBeGreaterThanOrEqual(7);
	});
});
