import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationFiles } from '../../src/server/store/database.ts';
import { CLAIM_SQL } from '../../src/server/store/outbox.ts';
import {
	newReference,
	openSqliteStore,
	type Accepted,
	type MessageKind,
	type NewBooking,
	type NewSubmission,
	type Replayed,
	type Store,
} from '../../src/server/store.ts';

const REFERENCE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const T0 = 1_700_000_000_000;
const LEASE = 60_000;
const HOUR = 3600 * 1000;
const BOTH: MessageKind[] = ['concern-office', 'concern-receipt'];

let dir: string;
let store: Store;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'store-test-'));
	store = openSqliteStore(dir);
});

afterEach(() => {
	store.close();
	rmSync(dir, { recursive: true, force: true });
});

function submission(
	id: string,
	now: number,
	messages: MessageKind[] = BOTH,
	body = `sealed body of ${id}`,
): NewSubmission {
	return {
		id,
		kind: 'concern',
		officeId: 'de-musterstadt',
		locale: 'de',
		body: new TextEncoder().encode(body),
		messages,
		now,
	};
}

/** The outcome of an accept that must have stored (or found) the submission. */
function accepted(outcome: Accepted | Replayed): Accepted {
	if ('replayed' in outcome) throw new Error('unexpected replay');
	return outcome;
}

const text = (bytes: Uint8Array | undefined) =>
	bytes === undefined ? undefined : new TextDecoder().decode(bytes);

describe('newReference', () => {
	it('reads aloud well: 4+4 Crockford characters without I, L, O, U', () => {
		for (let i = 0; i < 200; i++) expect(newReference()).toMatch(REFERENCE);
	});
});

describe('accept', () => {
	it('stores a submission with a reference and its messages', () => {
		const result = accepted(store.accept(submission('s1', T0)));
		expect(result.created).toBe(true);
		expect(result.reference).toMatch(REFERENCE);
		expect(text(store.body('s1'))).toBe('sealed body of s1');

		const due = store.claimDue(T0, 10, LEASE);
		expect(due.map((m) => m.kind).sort()).toEqual([...BOTH].sort());
		for (const m of due) {
			expect(m).toMatchObject({
				submissionId: 's1',
				reference: result.reference,
				officeId: 'de-musterstadt',
				locale: 'de',
				attempts: 0,
			});
		}
	});

	it('gives different submissions different references', () => {
		const a = accepted(store.accept(submission('a', T0))).reference;
		const b = accepted(store.accept(submission('b', T0))).reference;
		expect(a).not.toBe(b);
	});

	it('answers a second accept of the same id with the same reference and adds no messages', () => {
		const first = accepted(store.accept(submission('s1', T0)));
		const second = store.accept(submission('s1', T0 + 1000, BOTH, 'another body'));
		expect(second).toEqual({ reference: first.reference, created: false });
		expect(text(store.body('s1'))).toBe('sealed body of s1');
		expect(store.claimDue(T0 + 2000, 10, LEASE)).toHaveLength(2);
		expect(store.health(T0 + 2000).pending).toBe(2);
	});

	it('returns undefined as the body of an unknown submission', () => {
		expect(store.body('nope')).toBeUndefined();
	});
});

describe('claimDue and the outbox states', () => {
	it('returns only messages that are due, up to the limit', () => {
		store.accept(submission('early', T0, ['concern-office']));
		store.accept(submission('late', T0 + 10_000, ['concern-office']));
		expect(store.claimDue(T0 - 1, 10, LEASE)).toEqual([]);
		const due = store.claimDue(T0 + 5000, 10, LEASE);
		expect(due.map((m) => m.submissionId)).toEqual(['early']);

		store.accept(submission('x', T0, BOTH));
		expect(store.claimDue(T0 + 5000, 1, LEASE)).toHaveLength(1);
	});

	it('leases what it returns: a second claim at the same time gets nothing until the lease runs out', () => {
		store.accept(submission('s1', T0));
		expect(store.claimDue(T0, 10, LEASE)).toHaveLength(2);
		expect(store.claimDue(T0, 10, LEASE)).toEqual([]);
		expect(store.claimDue(T0 + LEASE - 1, 10, LEASE)).toEqual([]);
		// A crashed sender's lease runs out: the message is claimed again.
		expect(store.claimDue(T0 + LEASE, 10, LEASE)).toHaveLength(2);
	});

	it('markRetry makes a message due again only at nextAttemptAt, counting the attempt', () => {
		store.accept(submission('s1', T0, ['concern-office']));
		const [m] = store.claimDue(T0, 10, LEASE);
		store.markRetry(m!.id, T0 + 30_000, 'fake 503');
		expect(store.claimDue(T0 + 29_999, 10, LEASE)).toEqual([]);
		const again = store.claimDue(T0 + 30_000, 10, LEASE);
		expect(again.map((x) => [x.id, x.attempts])).toEqual([[m!.id, 1]]);
		expect(store.health(T0 + 30_000)).toMatchObject({ pending: 1, dead: 0, sent: 0 });
	});

	it('a message waiting for a retry holds up nobody, and takes its place in the order again once it is due', () => {
		store.accept(submission('first', T0, ['concern-office']));
		store.accept(submission('second', T0 + 1, ['concern-office']));
		const [first] = store.claimDue(T0 + 1, 1, LEASE);
		expect(first!.submissionId).toBe('first');
		store.markRetry(first!.id, T0 + 30_000, 'fake 503');
		store.accept(submission('third', T0 + 2, ['concern-office']));
		// Before its retry time the waiting message is skipped, not waited for.
		const [second] = store.claimDue(T0 + 2, 1, LEASE);
		expect(second!.submissionId).toBe('second');
		store.release(second!.id);
		// Due again, it goes before what was queued after it.
		expect(store.claimDue(T0 + 30_000, 3, LEASE).map((m) => m.submissionId)).toEqual([
			'first',
			'second',
			'third',
		]);
	});

	it('claims through indexes: the next message is read from the ready queue, never found by sorting the backlog', () => {
		const db = new DatabaseSync(join(dir, 'store.sqlite'));
		const plan = (sql: string) =>
			db
				.prepare(`EXPLAIN QUERY PLAN ${sql}`)
				.all()
				.map((row) => String(row.detail));
		try {
			expect(plan(CLAIM_SQL.ready)).toEqual([
				expect.stringMatching(
					/^SEARCH outbox USING INDEX outbox_due \(status=\? AND next_attempt_at>\? AND next_attempt_at<\?\)/,
				),
			]);
			const next = plan(CLAIM_SQL.next);
			expect(next[0]).toMatch(/USING INDEX outbox_ready$/);
			expect(next.join('\n')).not.toMatch(/TEMP B-TREE/);
		} finally {
			db.close();
		}
	});

	it('markSent and markDead show in health(), and neither is claimed again', () => {
		store.accept(submission('s1', T0));
		store.accept(submission('s2', T0 + 1000, ['concern-office']));
		expect(store.health(T0 + 61_000)).toEqual({
			pending: 3,
			oldestPendingMs: 61_000,
			dead: 0,
			sent: 0,
		});

		const due = store.claimDue(T0 + 1000, 10, LEASE);
		expect(due).toHaveLength(3);
		const [a, b, c] = due;
		store.markSent(a!.id, T0 + 2000, 'provider-1');
		store.markDead(b!.id, 'fake 422');
		// Still leased ("sending") counts as pending; its age comes from the `now` passed.
		const oldest = c!.submissionId === 's1' ? T0 : T0 + 1000;
		expect(store.health(T0 + 10_000)).toEqual({
			pending: 1,
			oldestPendingMs: T0 + 10_000 - oldest,
			dead: 1,
			sent: 1,
		});
		expect(store.health(T0 + 20_000).oldestPendingMs).toBe(T0 + 20_000 - oldest);

		store.markSent(c!.id, T0 + 3000, undefined);
		expect(store.health(T0 + 10_000)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 1,
			sent: 2,
		});
		expect(store.claimDue(T0 + 100 * HOUR, 10, LEASE)).toEqual([]);
	});

	it('reports an empty outbox as all zero', () => {
		expect(store.health(T0)).toEqual({ pending: 0, oldestPendingMs: null, dead: 0, sent: 0 });
	});

	it('recover() puts messages that were being sent back into the queue at once', () => {
		store.accept(submission('s1', T0));
		store.accept(submission('s2', T0, ['concern-office']));
		const due = store.claimDue(T0, 2, LEASE);
		expect(due).toHaveLength(2);
		expect(store.claimDue(T0 + 1, 10, LEASE)).toHaveLength(1); // the third, never leased

		expect(store.recover()).toBe(3);
		expect(store.claimDue(T0 + 2, 10, LEASE)).toHaveLength(3);
		store.markSent(due[0]!.id, T0 + 3, undefined);
		expect(store.recover()).toBe(2);
		expect(store.recover()).toBe(0);
	});
});

/** The office closes a concern: from then on retention counts for its body (an open one is kept). */
const close = (id: string, at = T0) => store.office.setStatus(id, 'closed', 'case-worker', at);

describe('purge', () => {
	const DAY = 24 * HOUR;

	it('drops a fully delivered body only after deliveredBefore passes its last sent_at', () => {
		store.accept(submission('s1', T0));
		close('s1');
		const [a, b] = store.claimDue(T0, 10, LEASE);
		store.markSent(a!.id, T0 + 1000, undefined);
		// One message sent, the other not yet: nothing to purge however old the first one is.
		expect(store.purge(T0 + 5 * DAY, T0 + 4 * DAY, T0 - DAY)).toEqual({
			delivered: 0,
			undelivered: 0,
		});
		expect(store.body('s1')).toBeDefined();

		store.markSent(b!.id, T0 + 5000, undefined);
		const last = T0 + 5000;
		expect(store.purge(last + DAY, last - 1, T0 - DAY)).toEqual({ delivered: 0, undelivered: 0 });
		expect(store.purge(last + DAY, last, T0 - DAY)).toEqual({ delivered: 0, undelivered: 0 });
		expect(text(store.body('s1'))).toBe('sealed body of s1');

		expect(store.purge(last + DAY, last + 1, T0 - DAY)).toEqual({ delivered: 1, undelivered: 0 });
		expect(store.body('s1')).toBeUndefined();
		// Metadata stays: the same id still answers with its reference, and nothing is counted twice.
		expect(accepted(store.accept(submission('s1', T0 + 2 * DAY))).created).toBe(false);
		expect(store.purge(last + 2 * DAY, last + DAY, T0 - DAY)).toEqual({
			delivered: 0,
			undelivered: 0,
		});
		expect(store.health(last + DAY)).toEqual({
			pending: 0,
			oldestPendingMs: null,
			dead: 0,
			sent: 2,
		});
	});

	it('keeps an undelivered body until undeliveredBefore passes created_at, then gives its messages up', () => {
		store.accept(submission('s1', T0));
		store.accept(submission('newer', T0 + DAY, ['concern-office']));
		close('s1');
		close('newer');
		const [office] = store.claimDue(T0, 1, LEASE);
		store.markSent(office!.id, T0 + 1000, undefined);

		expect(store.purge(T0 + 30 * DAY, T0 + 29 * DAY, T0)).toEqual({ delivered: 0, undelivered: 0 });
		expect(text(store.body('s1'))).toBe('sealed body of s1');
		expect(store.health(T0 + 30 * DAY)).toMatchObject({ pending: 2, dead: 0, sent: 1 });

		expect(store.purge(T0 + 30 * DAY, T0 + 29 * DAY, T0 + 1)).toEqual({
			delivered: 0,
			undelivered: 1,
		});
		expect(store.body('s1')).toBeUndefined();
		expect(text(store.body('newer'))).toBe('sealed body of newer');
		// The receipt of s1 is given up, the sent office mail stays sent, "newer" still waits.
		expect(store.health(T0 + 30 * DAY)).toEqual({
			pending: 1,
			oldestPendingMs: 29 * DAY,
			dead: 1,
			sent: 1,
		});
		expect(store.claimDue(T0 + 30 * DAY, 10, LEASE).map((m) => m.submissionId)).toEqual(['newer']);
	});

	it('also gives up a message that is being sent when its submission expires', () => {
		store.accept(submission('s1', T0, ['concern-office']));
		close('s1');
		expect(store.claimDue(T0, 10, LEASE)).toHaveLength(1);
		expect(store.purge(T0 + 31 * DAY, T0, T0 + DAY)).toEqual({ delivered: 0, undelivered: 1 });
		expect(store.health(T0 + 31 * DAY)).toMatchObject({ pending: 0, dead: 1 });
		expect(store.recover()).toBe(0);
	});

	it('keeps the body of a concern the office has not closed past both periods, and of a closed one until the period has passed since its closing', () => {
		store.accept(submission('open', T0, ['concern-office']));
		store.accept(submission('closed', T0, ['concern-office']));
		for (const m of store.claimDue(T0, 10, LEASE)) store.markSent(m.id, T0, undefined);
		store.office.setStatus('open', 'in-assessment', 'case-worker', T0 + DAY);
		close('closed', T0 + 40 * DAY);
		expect(store.purge(T0 + 41 * DAY, T0 + 40 * DAY, T0 + 40 * DAY)).toEqual({
			delivered: 0,
			undelivered: 0,
		});
		expect(store.purge(T0 + 41 * DAY, T0 + 40 * DAY + 1, T0 + 31 * DAY)).toEqual({
			delivered: 1,
			undelivered: 0,
		});
		expect(store.body('closed')).toBeUndefined();
		expect(text(store.body('open'))).toBe('sealed body of open');
		// The inbox keeps the reference, dates and status of a purged one.
		expect(store.office.findCase('closed')).toMatchObject({
			status: 'closed',
			statusChangedAt: T0 + 40 * DAY,
		});
	});

	it("an export to the office's case system lets retention count from then, even while the concern is open", () => {
		store.accept(submission('exported', T0, ['concern-office']));
		for (const m of store.claimDue(T0, 10, LEASE)) store.markSent(m.id, T0, undefined);
		const entry = {
			personId: 'case-worker',
			officeId: 'de-musterstadt',
			action: 'export' as const,
			reference: store.office.findCase('exported')!.reference,
			detail: null,
		};
		store.office.recordExport({ ...entry, submissionId: 'exported', at: T0 + 10 * DAY });
		store.office.recordExport({ ...entry, submissionId: 'exported', at: T0 + 20 * DAY });
		expect(store.office.findCase('exported')).toMatchObject({
			status: 'new',
			exportedAt: T0 + 10 * DAY,
		});
		expect(store.purge(T0 + 30 * DAY, T0 + 10 * DAY, T0)).toEqual({ delivered: 0, undelivered: 0 });
		expect(store.purge(T0 + 30 * DAY, T0 + 10 * DAY + 1, T0)).toEqual({
			delivered: 1,
			undelivered: 0,
		});
		expect(store.office.auditLog(['de-musterstadt'], 10).map((e) => e.action)).toEqual([
			'export',
			'export',
		]);
	});
});

describe('durability', () => {
	it('keeps submissions and outbox state when the store is opened again on the same folder', () => {
		const { reference } = accepted(store.accept(submission('s1', T0)));
		const [a] = store.claimDue(T0, 1, LEASE);
		store.markSent(a!.id, T0 + 1000, 'p1');
		store.close();

		store = openSqliteStore(dir);
		expect(text(store.body('s1'))).toBe('sealed body of s1');
		expect(store.accept(submission('s1', T0 + 2000))).toEqual({ reference, created: false });
		expect(store.health(T0 + 2000)).toEqual({
			pending: 1,
			oldestPendingMs: 2000,
			dead: 0,
			sent: 1,
		});
		const due = store.claimDue(T0 + 2000, 10, LEASE);
		expect(due.map((m) => [m.submissionId, m.reference])).toEqual([['s1', reference]]);
	});

	it('sees what another connection committed', () => {
		const other = openSqliteStore(dir);
		try {
			const { reference } = accepted(other.accept(submission('s1', T0)));
			expect(store.accept(submission('s1', T0))).toEqual({ reference, created: false });
			expect(store.claimDue(T0, 10, LEASE)).toHaveLength(2);
			expect(other.claimDue(T0, 10, LEASE)).toEqual([]);
		} finally {
			other.close();
		}
	});
});

/** Booking limits no test of the store's other rules reaches. */
const NO_LIMITS = { email: 'e', client: 'c', perEmail: 1000, perClient: 1000 };

describe('book and cancelBooking', () => {
	const START = T0 + 48 * HOUR;
	function booking(id: string, specialistId = 'beispiel', start = START): NewBooking {
		return {
			id,
			officeId: 'de-musterstadt',
			locale: 'en',
			body: new TextEncoder().encode(`sealed booking ${id}`),
			messages: ['booking-professional', 'booking-specialist'],
			now: T0,
			specialistId,
			start,
			end: start + 45 * 60_000,
			limits: NO_LIMITS,
			mode: 'phone',
			personalDataFindings: ['name'],
		};
	}

	it('books a slot with its e-mails and shows it as booked', () => {
		const outcome = store.book(booking('b1'));
		expect(outcome).toMatchObject({ created: true, reference: expect.stringMatching(REFERENCE) });
		expect(store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([
			{ specialistId: 'beispiel', start: START, end: START + 45 * 60_000 },
		]);
		expect(store.booking('b1')).toMatchObject({
			id: 'b1',
			officeId: 'de-musterstadt',
			specialistId: 'beispiel',
			start: START,
			mode: 'phone',
			status: 'booked',
		});
		expect(
			store
				.claimDue(T0, 10, LEASE)
				.map((m) => m.kind)
				.sort(),
		).toEqual(['booking-professional', 'booking-specialist']);
	});

	it('refuses a second booking of the same slot by anyone, and stores nothing of it', () => {
		store.book(booking('b1'));
		expect(store.book(booking('b2'))).toEqual({ taken: true });
		expect(store.booking('b2')).toBeUndefined();
		expect(store.body('b2')).toBeUndefined();
		expect(store.health(T0).pending).toBe(2);
		// Another specialist at the same time, or the same specialist at another time, is fine.
		expect(store.book(booking('b3', 'muster'))).toMatchObject({ created: true });
		expect(store.book(booking('b4', 'beispiel', START + HOUR))).toMatchObject({ created: true });
	});

	it('answers the same booking sent again with its reference, not with "taken"', () => {
		const first = store.book(booking('b1'));
		expect(store.book(booking('b1'))).toEqual({
			reference: (first as { reference: string }).reference,
			created: false,
		});
	});

	it("keeps a booked consultation's body past the delivered retention until the consultation is over, so a cancellation can still be told", () => {
		store.book(booking('b1'));
		for (const m of store.claimDue(T0, 10, LEASE)) store.markSent(m.id, T0, undefined);
		// A day after sending, with a retention of 0 days: the consultation (in 48 hours) is still ahead.
		store.purge(T0 + 24 * HOUR, T0 + 24 * HOUR, T0 - 24 * HOUR);
		expect(store.body('b1')).toBeDefined();
		expect(store.cancelBooking('b1', T0 + 25 * HOUR)).toBe('cancelled');
		// Cancelled, its notice sent: now the usual rule applies.
		for (const m of store.claimDue(T0 + 25 * HOUR, 10, LEASE))
			store.markSent(m.id, T0 + 25 * HOUR, undefined);
		store.purge(T0 + 26 * HOUR, T0 + 26 * HOUR, T0 - 24 * HOUR);
		expect(store.body('b1')).toBeUndefined();
	});

	it("purges a booking's body once the consultation is over and the retention has passed", () => {
		store.book(booking('b1'));
		for (const m of store.claimDue(T0, 10, LEASE)) store.markSent(m.id, T0, undefined);
		store.purge(START + 44 * 60_000, T0 + HOUR, T0 - 24 * HOUR);
		expect(store.body('b1')).toBeDefined();
		store.purge(START + 46 * 60_000, T0 + HOUR, T0 - 24 * HOUR);
		expect(store.body('b1')).toBeUndefined();
	});

	/** The professional's mail budget for a cancellation notice. */
	const professional = (perRecipient = 5) => ({
		recipient: 'teacher',
		kinds: ['booking-cancel-professional'] as MessageKind[],
		perRecipient,
		total: 100,
	});

	it('cancelling frees the slot once and queues one notice to the specialist and one to the professional', () => {
		store.book(booking('b1'));
		expect(store.cancelBooking('b1', T0 + HOUR, professional())).toBe('cancelled');
		expect(store.cancelBooking('b1', T0 + HOUR, professional())).toBe('already');
		expect(store.cancelBooking('nope', T0 + HOUR, professional())).toBe('missing');
		expect(store.booking('b1')?.status).toBe('cancelled');
		expect(store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([]);
		const due = store.claimDue(T0 + HOUR, 10, LEASE);
		expect(due.filter((m) => m.kind === 'booking-cancel-specialist')).toHaveLength(1);
		expect(due.filter((m) => m.kind === 'booking-cancel-professional')).toHaveLength(1);
		// The freed slot can be booked again.
		expect(store.book(booking('b2'))).toMatchObject({ created: true });
	});

	it("the professional's cancellation notice counts against their mail budget; the specialist's never does", () => {
		store.book(booking('b1'));
		store.book(booking('b2', 'muster'));
		expect(store.cancelBooking('b1', T0 + HOUR, professional(1))).toBe('cancelled');
		expect(store.cancelBooking('b2', T0 + HOUR, professional(1))).toBe('cancelled');
		const kinds = store.claimDue(T0 + HOUR, 10, LEASE).map((m) => `${m.submissionId}:${m.kind}`);
		expect(kinds.filter((k) => k.endsWith('booking-cancel-specialist')).sort()).toEqual([
			'b1:booking-cancel-specialist',
			'b2:booking-cancel-specialist',
		]);
		expect(kinds.filter((k) => k.endsWith('booking-cancel-professional'))).toEqual([
			'b1:booking-cancel-professional',
		]);
	});
});

describe('single-use tokens', () => {
	const token = { hash: 'solution-1', expiresAt: T0 + HOUR };

	it('a token is used up with the submission it came with; another submission with it is refused and stores nothing', () => {
		expect(accepted(store.accept({ ...submission('s1', T0), token })).created).toBe(true);
		expect(store.accept({ ...submission('s2', T0), token })).toEqual({ replayed: true });
		expect(store.body('s2')).toBeUndefined();
		expect(store.health(T0).pending).toBe(2);
	});

	it('the same submission sent again with its token is answered as before, not as a replay', () => {
		const first = accepted(store.accept({ ...submission('s1', T0), token }));
		expect(store.accept({ ...submission('s1', T0), token })).toEqual({
			reference: first.reference,
			created: false,
		});
	});

	it('bookings use up tokens the same way, and a refused booking leaves the slot free', () => {
		store.accept({ ...submission('s1', T0), token });
		const booking: NewBooking = {
			...submission('b1', T0, ['booking-professional']),
			token,
			specialistId: 'x',
			start: T0 + 48 * HOUR,
			end: T0 + 49 * HOUR,
			mode: 'phone',
			personalDataFindings: [],
			limits: NO_LIMITS,
		};
		expect(store.book(booking)).toEqual({ replayed: true });
		expect(store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([]);
	});

	it('forgets used tokens once they have expired (with the hourly purge)', () => {
		store.accept({ ...submission('s1', T0), token });
		store.purge(T0 + 2 * HOUR, 0, 0);
		expect(accepted(store.accept({ ...submission('s2', T0 + 3 * HOUR), token })).created).toBe(
			true,
		);
	});
});

describe('delivery order under a flood', () => {
	const ofOffice = (
		id: string,
		officeId: string,
		now: number,
		priority: 0 | 1 = 0,
	): NewSubmission => ({ ...submission(id, now, ['concern-office']), officeId, priority });
	/** Claims and sends one message at a time, as the worker does; returns the ids in order. */
	function drain(limit: number): string[] {
		const order: string[] = [];
		for (let i = 0; i < limit; i++) {
			const [message] = store.claimDue(T0 + HOUR, 1, LEASE);
			if (!message) break;
			store.markSent(message.id, T0 + HOUR, undefined);
			order.push(message.submissionId);
		}
		return order;
	}

	it('an urgent concern goes before a flood of 200 ordinary ones', () => {
		for (let i = 0; i < 200; i++) store.accept(ofOffice(`spam${i}`, 'office-a', T0));
		drain(3);
		store.accept(ofOffice('urgent', 'office-a', T0 + 1, 1));
		expect(drain(1)).toEqual(['urgent']);
	}, 20_000);

	it("one office's backlog does not hold up another's: a concern for office B is sent within two turns", () => {
		for (let i = 0; i < 200; i++) store.accept(ofOffice(`spam${i}`, 'office-a', T0));
		drain(50);
		store.accept(ofOffice('b1', 'office-b', T0 + 1));
		store.accept(ofOffice('b2', 'office-b', T0 + 2));
		const next = drain(4);
		expect(next.indexOf('b1')).toBeLessThanOrEqual(1);
		// Then the offices take turns: B's second does not wait for A's 150.
		expect(next.indexOf('b2')).toBeLessThanOrEqual(3);
	}, 20_000);
});

describe('mail budget', () => {
	const budget = {
		recipient: 'victim',
		kinds: ['concern-receipt'] as MessageKind[],
		perRecipient: 3,
		total: 5,
	};
	const kinds = (limit = 100) =>
		store.claimDue(T0 + HOUR, limit, LEASE).map((m) => `${m.submissionId}:${m.kind}`);

	it('holds back receipts to one address past its daily budget, never the office copy, and counts again the next day', () => {
		const held = Array.from(
			{ length: 5 },
			(_, i) => accepted(store.accept({ ...submission(`s${i}`, T0), budget })).heldBack ?? [],
		);
		expect(held.map((h) => h.length)).toEqual([0, 0, 0, 1, 1]);
		const queued = kinds();
		expect(queued.filter((k) => k.endsWith('concern-office'))).toHaveLength(5);
		expect(queued.filter((k) => k.endsWith('concern-receipt'))).toHaveLength(3);
		const tomorrow = accepted(store.accept({ ...submission('next-day', T0 + 24 * HOUR), budget }));
		expect(tomorrow.heldBack).toBeUndefined();
	});

	it('holds back receipts to anyone once the whole site has used its daily budget', () => {
		for (let i = 0; i < 5; i++)
			store.accept({ ...submission(`s${i}`, T0), budget: { ...budget, recipient: `person${i}` } });
		const sixth = accepted(
			store.accept({ ...submission('s5', T0), budget: { ...budget, recipient: 'person5' } }),
		);
		expect(sixth.heldBack).toEqual(['concern-receipt']);
	});
});

describe('booking limits', () => {
	const START = T0 + 48 * HOUR;
	const book = (id: string, start: number, limits: Partial<NewBooking['limits']> = {}) =>
		store.book({
			...submission(id, T0, ['booking-professional']),
			specialistId: 'x',
			start,
			end: start + HOUR,
			mode: 'phone',
			personalDataFindings: [],
			limits: { email: 'teacher', client: 'school', perEmail: 2, perClient: 3, ...limits },
		});

	it('refuses a third booking for one e-mail address and a fourth from one client, and stores nothing of them', () => {
		expect(book('b1', START)).toMatchObject({ created: true });
		expect(book('b2', START + HOUR)).toMatchObject({ created: true });
		expect(book('b3', START + 2 * HOUR)).toEqual({ limited: 'email' });
		expect(book('b4', START + 3 * HOUR, { email: 'colleague' })).toMatchObject({ created: true });
		expect(book('b5', START + 4 * HOUR, { email: 'third' })).toEqual({ limited: 'client' });
		expect(store.booking('b3')).toBeUndefined();
		expect(store.booking('b5')).toBeUndefined();
	});

	it('counts only consultations not yet over and not cancelled', () => {
		book('b1', START);
		book('b2', START + HOUR);
		store.cancelBooking('b1', T0 + HOUR);
		expect(book('b3', START + 2 * HOUR)).toMatchObject({ created: true });
	});
});

describe('deleted means deleted', () => {
	it('after a purge no byte sequence of a purged body is left in the database file or its WAL', () => {
		const bodies = Array.from({ length: 200 }, (_, i) =>
			Buffer.from(`ciphertext-${i}-${'x'.repeat(400 + (i % 7) * 300)}-${i}-end`),
		);
		for (const [i, body] of bodies.entries()) {
			store.accept({ ...submission(`p${i}`, T0, ['concern-office']), body: new Uint8Array(body) });
			close(`p${i}`);
			const [message] = store.claimDue(T0, 1, LEASE);
			store.markSent(message!.id, T0, undefined);
		}
		const before = storeFiles(dir);
		expect(bodies.filter((b) => before.includes(b.subarray(0, 32))).length).toBe(200);

		expect(store.purge(T0 + 10 * 24 * HOUR, T0 + 7 * 24 * HOUR, T0 - 1).delivered).toBe(200);
		const after = storeFiles(dir);
		const left = bodies.filter(
			(b) => after.includes(b.subarray(0, 24)) || after.includes(b.subarray(b.length - 24)),
		);
		expect(
			left.length,
			`${left.length} of 200 purged bodies still readable in ${after.length} bytes`,
		).toBe(0);
	}, 20_000);
});

/** The database file and its WAL as they lie on disk, copied as an attacker with the files would. */
function storeFiles(folder: string): Buffer {
	return Buffer.concat(
		['store.sqlite', 'store.sqlite-wal']
			.map((f) => join(folder, f))
			.filter(existsSync)
			.map((f) => readFileSync(f)),
	);
}

describe('schema migrations', () => {
	it('are numbered files without gaps, and a store made by an older version is brought up to date with its data kept', () => {
		const files = migrationFiles();
		expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
		// A store as the version before the last migration left it.
		const old = mkdtempSync(join(tmpdir(), 'store-old-'));
		const db = new DatabaseSync(join(old, 'store.sqlite'));
		for (const file of files.slice(0, -1))
			db.exec(
				readFileSync(join(import.meta.dirname, '../../src/server/store/migrations', file), 'utf8'),
			);
		db.exec(`PRAGMA user_version = ${files.length - 1}`);
		db.prepare(
			`INSERT INTO submissions (id, kind, reference, office_id, locale, created_at, body) VALUES ('old', 'concern', 'AAAA-BBBB', 'de-musterstadt', 'de', ?, x'01')`,
		).run(T0);
		db.prepare(
			`INSERT INTO outbox (submission_id, kind, next_attempt_at, created_at) VALUES ('old', 'concern-office', ?, ?)`,
		).run(T0, T0);
		db.close();
		const upgraded = openSqliteStore(old);
		try {
			expect(upgraded.claimDue(T0, 10, LEASE).map((m) => [m.submissionId, m.reference])).toEqual([
				['old', 'AAAA-BBBB'],
			]);
		} finally {
			upgraded.close();
			rmSync(old, { recursive: true, force: true });
		}
	});
});
