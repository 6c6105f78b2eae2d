import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { storeBackends, type OpenedStore } from '../fixtures/store-backends.ts';
import pg from 'pg';
import {
	DatabaseUnavailable,
	pgMigrationFiles,
} from '../../src/server/store/postgres/pg-database.ts';
import { openPostgresStore } from '../../src/server/store/postgres/pg-store.ts';
import { createDatabase } from '../fixtures/postgres-cluster.ts';
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

let opened: OpenedStore;
let store: Store;

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

/** The office closes a concern: from then on retention counts for its body (an open one is kept). */
const close = async (id: string, at = T0) =>
	await store.office.setStatus(id, 'closed', 'case-worker', at);

describe('newReference', () => {
	it('reads aloud well: 4+4 Crockford characters without I, L, O, U', async () => {
		for (let i = 0; i < 200; i++) expect(newReference()).toMatch(REFERENCE);
	});
});

describe.each(storeBackends())('the $name store', (backend) => {
	beforeEach(async () => {
		opened = await backend.open();
		store = opened.store;
	});
	afterEach(async () => {
		await opened.cleanup();
	});

	describe('accept', () => {
		it('stores a submission with a reference and its messages', async () => {
			const result = accepted(await store.accept(submission('s1', T0)));
			expect(result.created).toBe(true);
			expect(result.reference).toMatch(REFERENCE);
			expect(text(await store.body('s1'))).toBe('sealed body of s1');

			const due = await store.claimDue(T0, 10, LEASE);
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

		it('gives different submissions different references', async () => {
			const a = accepted(await store.accept(submission('a', T0))).reference;
			const b = accepted(await store.accept(submission('b', T0))).reference;
			expect(a).not.toBe(b);
		});

		it('answers many accepts sent at once each as if alone: a double submit gets the first reference, a replayed token is refused', async () => {
			const token = { hash: 'solution-1', expiresAt: T0 + HOUR };
			const outcomes = await Promise.all([
				...Array.from({ length: 20 }, (_, i) => store.accept(submission(`burst-${i}`, T0))),
				store.accept(submission('burst-0', T0, BOTH, 'the same concern sent twice')),
				store.accept({ ...submission('with-token', T0), token }),
				store.accept({ ...submission('replaying-it', T0), token }),
			]);
			const references = outcomes.slice(0, 20).map((o) => accepted(o).reference);
			expect(new Set(references).size).toBe(20);
			expect(outcomes[20]).toEqual({ reference: references[0], created: false });
			expect(accepted(outcomes[21]!).created).toBe(true);
			expect(outcomes[22]).toEqual({ replayed: true });
			expect(text(await store.body('burst-0'))).toBe('sealed body of burst-0');
			expect(await store.body('replaying-it')).toBeUndefined();
			// Two messages for each of the 21 stored, none for the double submit or the replay.
			expect(await store.claimDue(T0, 100, LEASE)).toHaveLength(42);
		});

		it('answers a second accept of the same id with the same reference and adds no messages', async () => {
			const first = accepted(await store.accept(submission('s1', T0)));
			const second = await store.accept(submission('s1', T0 + 1000, BOTH, 'another body'));
			expect(second).toEqual({ reference: first.reference, created: false });
			expect(text(await store.body('s1'))).toBe('sealed body of s1');
			expect(await store.claimDue(T0 + 2000, 10, LEASE)).toHaveLength(2);
			expect((await store.health(T0 + 2000)).pending).toBe(2);
		});

		it('returns undefined as the body of an unknown submission', async () => {
			expect(await store.body('nope')).toBeUndefined();
		});
	});

	describe('claimDue and the outbox states', () => {
		it('a claim is fenced by its lease: renewed while it holds, and once another instance took the message over, neither renewed nor released', async () => {
			await store.accept(submission('s1', T0, ['concern-office']));
			const [claimed] = await store.claimDue(T0, 1, LEASE);
			expect(claimed!.leaseUntil).toBe(T0 + LEASE);
			expect(await store.renewLease(claimed!.id, T0 + LEASE, T0 + 1000 + LEASE)).toBe(true);
			// Renewed: not taken over at the old lease's end.
			const other = await opened.another();
			expect(await other.claimDue(T0 + LEASE, 1, LEASE)).toEqual([]);
			// The lease runs out while its holder waits (a provider's Retry-After): another takes over.
			const [takenOver] = await other.claimDue(T0 + 1000 + LEASE, 1, LEASE);
			expect(takenOver?.id).toBe(claimed!.id);
			// The first holder wakes up: it may not send, and its release does not undo the new claim.
			expect(await store.renewLease(claimed!.id, T0 + 1000 + LEASE, T0 + 2000 + LEASE)).toBe(false);
			await store.release(claimed!.id, T0 + 1000 + LEASE);
			expect(await other.renewLease(takenOver!.id, takenOver!.leaseUntil, T0 + 3 * LEASE)).toBe(
				true,
			);
		});

		it('returns only messages that are due, up to the limit', async () => {
			await store.accept(submission('early', T0, ['concern-office']));
			await store.accept(submission('late', T0 + 10_000, ['concern-office']));
			expect(await store.claimDue(T0 - 1, 10, LEASE)).toEqual([]);
			const due = await store.claimDue(T0 + 5000, 10, LEASE);
			expect(due.map((m) => m.submissionId)).toEqual(['early']);

			await store.accept(submission('x', T0, BOTH));
			expect(await store.claimDue(T0 + 5000, 1, LEASE)).toHaveLength(1);
		});

		it('leases what it returns: a second claim at the same time gets nothing until the lease runs out', async () => {
			await store.accept(submission('s1', T0));
			expect(await store.claimDue(T0, 10, LEASE)).toHaveLength(2);
			expect(await store.claimDue(T0, 10, LEASE)).toEqual([]);
			expect(await store.claimDue(T0 + LEASE - 1, 10, LEASE)).toEqual([]);
			// A crashed sender's lease runs out: the message is claimed again.
			expect(await store.claimDue(T0 + LEASE, 10, LEASE)).toHaveLength(2);
		});

		it('markRetry makes a message due again only at nextAttemptAt, counting the attempt', async () => {
			await store.accept(submission('s1', T0, ['concern-office']));
			const [m] = await store.claimDue(T0, 10, LEASE);
			await store.markRetry(m!.id, T0 + 30_000, 'fake 503');
			expect(await store.claimDue(T0 + 29_999, 10, LEASE)).toEqual([]);
			const again = await store.claimDue(T0 + 30_000, 10, LEASE);
			expect(again.map((x) => [x.id, x.attempts])).toEqual([[m!.id, 1]]);
			expect(await store.health(T0 + 30_000)).toMatchObject({ pending: 1, dead: 0, sent: 0 });
		});

		it('a message waiting for a retry holds up nobody, and takes its place in the order again once it is due', async () => {
			await store.accept(submission('first', T0, ['concern-office']));
			await store.accept(submission('second', T0 + 1, ['concern-office']));
			const [first] = await store.claimDue(T0 + 1, 1, LEASE);
			expect(first!.submissionId).toBe('first');
			await store.markRetry(first!.id, T0 + 30_000, 'fake 503');
			await store.accept(submission('third', T0 + 2, ['concern-office']));
			// Before its retry time the waiting message is skipped, not waited for.
			const [second] = await store.claimDue(T0 + 2, 1, LEASE);
			expect(second!.submissionId).toBe('second');
			await store.release(second!.id, second!.leaseUntil);
			// Due again, it goes before what was queued after it.
			expect((await store.claimDue(T0 + 30_000, 3, LEASE)).map((m) => m.submissionId)).toEqual([
				'first',
				'second',
				'third',
			]);
		});

		it('markSent and markDead show in health(), and neither is claimed again', async () => {
			await store.accept(submission('s1', T0));
			await store.accept(submission('s2', T0 + 1000, ['concern-office']));
			expect(await store.health(T0 + 61_000)).toEqual({
				pending: 3,
				oldestPendingMs: 61_000,
				dead: 0,
				sent: 0,
			});

			const due = await store.claimDue(T0 + 1000, 10, LEASE);
			expect(due).toHaveLength(3);
			const [a, b, c] = due;
			await store.markSent(a!.id, T0 + 2000, 'provider-1');
			await store.markDead(b!.id, 'fake 422');
			// Still leased ("sending") counts as pending; its age comes from the `now` passed.
			const oldest = c!.submissionId === 's1' ? T0 : T0 + 1000;
			expect(await store.health(T0 + 10_000)).toEqual({
				pending: 1,
				oldestPendingMs: T0 + 10_000 - oldest,
				dead: 1,
				sent: 1,
			});
			expect((await store.health(T0 + 20_000)).oldestPendingMs).toBe(T0 + 20_000 - oldest);

			await store.markSent(c!.id, T0 + 3000, undefined);
			expect(await store.health(T0 + 10_000)).toEqual({
				pending: 0,
				oldestPendingMs: null,
				dead: 1,
				sent: 2,
			});
			expect(await store.claimDue(T0 + 100 * HOUR, 10, LEASE)).toEqual([]);
		});

		it('reports an empty outbox as all zero', async () => {
			expect(await store.health(T0)).toEqual({
				pending: 0,
				oldestPendingMs: null,
				dead: 0,
				sent: 0,
			});
		});

		it('after a crash, messages that were being sent are sent again: at once on SQLite (one instance), when their lease runs out on PostgreSQL (another instance may still be sending them)', async () => {
			if (backend.name === 'PostgreSQL') {
				await store.accept(submission('s1', T0));
				const [claimed] = await store.claimDue(T0, 1, LEASE);
				expect(await store.recover()).toBe(0);
				const other = await opened.another();
				expect((await other.claimDue(T0 + LEASE - 1, 10, LEASE)).map((m) => m.id)).not.toContain(
					claimed!.id,
				);
				const [takenOver] = await other.claimDue(T0 + LEASE, 1, LEASE);
				expect(takenOver?.id).toBe(claimed!.id);
				return;
			}
			await store.accept(submission('s1', T0));
			await store.accept(submission('s2', T0, ['concern-office']));
			const due = await store.claimDue(T0, 2, LEASE);
			expect(due).toHaveLength(2);
			expect(await store.claimDue(T0 + 1, 10, LEASE)).toHaveLength(1); // the third, never leased

			expect(await store.recover()).toBe(3);
			expect(await store.claimDue(T0 + 2, 10, LEASE)).toHaveLength(3);
			await store.markSent(due[0]!.id, T0 + 3, undefined);
			expect(await store.recover()).toBe(2);
			expect(await store.recover()).toBe(0);
		});
	});

	describe('purge', () => {
		const DAY = 24 * HOUR;

		it('drops a fully delivered body only after deliveredBefore passes its last sent_at', async () => {
			await store.accept(submission('s1', T0));
			await close('s1');
			const [a, b] = await store.claimDue(T0, 10, LEASE);
			await store.markSent(a!.id, T0 + 1000, undefined);
			// One message sent, the other not yet: nothing to purge however old the first one is.
			expect(await store.purge(T0 + 5 * DAY, T0 + 4 * DAY, T0 - DAY)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(await store.body('s1')).toBeDefined();

			await store.markSent(b!.id, T0 + 5000, undefined);
			const last = T0 + 5000;
			expect(await store.purge(last + DAY, last - 1, T0 - DAY)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(await store.purge(last + DAY, last, T0 - DAY)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(text(await store.body('s1'))).toBe('sealed body of s1');

			expect(await store.purge(last + DAY, last + 1, T0 - DAY)).toEqual({
				delivered: 1,
				undelivered: 0,
			});
			expect(await store.body('s1')).toBeUndefined();
			// Metadata stays: the same id still answers with its reference, and nothing is counted twice.
			expect(accepted(await store.accept(submission('s1', T0 + 2 * DAY))).created).toBe(false);
			expect(await store.purge(last + 2 * DAY, last + DAY, T0 - DAY)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(await store.health(last + DAY)).toEqual({
				pending: 0,
				oldestPendingMs: null,
				dead: 0,
				sent: 2,
			});
		});

		it('keeps an undelivered body until undeliveredBefore passes created_at, then gives its messages up', async () => {
			await store.accept(submission('s1', T0));
			await store.accept(submission('newer', T0 + DAY, ['concern-office']));
			await close('s1');
			await close('newer');
			const [office] = await store.claimDue(T0, 1, LEASE);
			await store.markSent(office!.id, T0 + 1000, undefined);

			expect(await store.purge(T0 + 30 * DAY, T0 + 29 * DAY, T0)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(text(await store.body('s1'))).toBe('sealed body of s1');
			expect(await store.health(T0 + 30 * DAY)).toMatchObject({ pending: 2, dead: 0, sent: 1 });

			expect(await store.purge(T0 + 30 * DAY, T0 + 29 * DAY, T0 + 1)).toEqual({
				delivered: 0,
				undelivered: 1,
			});
			expect(await store.body('s1')).toBeUndefined();
			expect(text(await store.body('newer'))).toBe('sealed body of newer');
			// The receipt of s1 is given up, the sent office mail stays sent, "newer" still waits.
			expect(await store.health(T0 + 30 * DAY)).toEqual({
				pending: 1,
				oldestPendingMs: 29 * DAY,
				dead: 1,
				sent: 1,
			});
			expect((await store.claimDue(T0 + 30 * DAY, 10, LEASE)).map((m) => m.submissionId)).toEqual([
				'newer',
			]);
		});

		it('also gives up a message that is being sent when its submission expires', async () => {
			await store.accept(submission('s1', T0, ['concern-office']));
			await close('s1');
			expect(await store.claimDue(T0, 10, LEASE)).toHaveLength(1);
			expect(await store.purge(T0 + 31 * DAY, T0, T0 + DAY)).toEqual({
				delivered: 0,
				undelivered: 1,
			});
			expect(await store.health(T0 + 31 * DAY)).toMatchObject({ pending: 0, dead: 1 });
			expect(await store.recover()).toBe(0);
		});

		it('keeps the body of a concern the office has not closed past both periods, and of a closed one until the period has passed since its closing', async () => {
			await store.accept(submission('open', T0, ['concern-office']));
			await store.accept(submission('closed', T0, ['concern-office']));
			for (const m of await store.claimDue(T0, 10, LEASE))
				await store.markSent(m.id, T0, undefined);
			await store.office.setStatus('open', 'in-assessment', 'case-worker', T0 + DAY);
			await close('closed', T0 + 40 * DAY);
			expect(await store.purge(T0 + 41 * DAY, T0 + 40 * DAY, T0 + 40 * DAY)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(await store.purge(T0 + 41 * DAY, T0 + 40 * DAY + 1, T0 + 31 * DAY)).toEqual({
				delivered: 1,
				undelivered: 0,
			});
			expect(await store.body('closed')).toBeUndefined();
			expect(text(await store.body('open'))).toBe('sealed body of open');
			// The inbox keeps the reference, dates and status of a purged one.
			expect(await store.office.findCase('closed')).toMatchObject({
				status: 'closed',
				statusChangedAt: T0 + 40 * DAY,
			});
		});

		it("an export to the office's case system lets retention count from then, even while the concern is open", async () => {
			await store.accept(submission('exported', T0, ['concern-office']));
			for (const m of await store.claimDue(T0, 10, LEASE))
				await store.markSent(m.id, T0, undefined);
			const entry = {
				personId: 'case-worker',
				officeId: 'de-musterstadt',
				action: 'export' as const,
				reference: (await store.office.findCase('exported'))!.reference,
				detail: null,
			};
			await store.office.recordExport({ ...entry, submissionId: 'exported', at: T0 + 10 * DAY });
			await store.office.recordExport({ ...entry, submissionId: 'exported', at: T0 + 20 * DAY });
			expect(await store.office.findCase('exported')).toMatchObject({
				status: 'new',
				exportedAt: T0 + 10 * DAY,
			});
			expect(await store.purge(T0 + 30 * DAY, T0 + 10 * DAY, T0)).toEqual({
				delivered: 0,
				undelivered: 0,
			});
			expect(await store.purge(T0 + 30 * DAY, T0 + 10 * DAY + 1, T0)).toEqual({
				delivered: 1,
				undelivered: 0,
			});
			expect((await store.office.auditLog(['de-musterstadt'], 10)).map((e) => e.action)).toEqual([
				'export',
				'export',
			]);
		});
	});

	describe('office people', () => {
		it('a role is given, replaced and taken away per office; the person stays', async () => {
			await store.office.addPerson({
				id: 'p1',
				email: 'P1@Example.org ',
				name: 'P',
				locale: 'da',
				operator: false,
				now: T0,
			});
			await store.office.setMembership('p1', 'a', 'case-worker');
			await store.office.setMembership('p1', 'b', 'case-worker');
			await store.office.setMembership('p1', 'a', 'office-admin');
			expect((await store.office.personByEmail('p1@example.org'))!.memberships).toEqual([
				{ officeId: 'a', role: 'office-admin' },
				{ officeId: 'b', role: 'case-worker' },
			]);
			expect(await store.office.removeMembership('p1', 'a')).toBe(true);
			expect(await store.office.removeMembership('p1', 'a')).toBe(false);
			expect((await store.office.person('p1'))!.memberships).toEqual([
				{ officeId: 'b', role: 'case-worker' },
			]);
		});

		it('a session opened on one instance is known, touched and ended on another', async () => {
			await store.office.addPerson({
				id: 'p1',
				email: 'p1@example.org',
				name: 'P',
				locale: 'da',
				operator: false,
				now: T0,
			});
			const other = await opened.another();
			await store.office.createSession('hash-1', 'p1', 'passkey', T0);
			await store.office.createSession('hash-2', 'p1', 'passkey', T0);
			expect(await other.office.session('hash-1')).toEqual({
				personId: 'p1',
				level: 'passkey',
				createdAt: T0,
				lastSeenAt: T0,
			});
			await other.office.touchSession('hash-1', T0 + 1000);
			expect((await store.office.session('hash-1'))?.lastSeenAt).toBe(T0 + 1000);
			// Signed out everywhere on one instance: on every instance.
			expect(await other.office.endSessions('p1')).toBe(2);
			expect(await store.office.session('hash-2')).toBeUndefined();
		});
	});

	describe('office feedback', () => {
		const budget = (perRecipient: number) => ({
			recipient: 'notifier',
			kinds: ['concern-feedback'] as MessageKind[],
			perRecipient,
			total: 100,
		});
		const feedback = (id: string, now: number, perRecipient = 5) =>
			store.office.feedback.send({
				submissionId: id,
				personId: 'case-worker',
				now,
				body: new TextEncoder().encode(`sealed choice of ${id}`),
				notifier: budget(perRecipient),
			});

		it('is stored once, with its audit entry and its e-mail, in one transaction', async () => {
			const { reference } = accepted(await store.accept(submission('c1', T0, ['concern-office'])));
			expect(await feedback('c1', T0 + 1)).toBe('sent');
			expect(await feedback('c1', T0 + 2)).toBe('already');
			const sent = await store.office.feedback.sent('c1');
			expect(sent).toMatchObject({ sentAt: T0 + 1, personId: 'case-worker' });
			expect(text(sent!.body ?? undefined)).toBe('sealed choice of c1');
			const due = await store.claimDue(T0 + 3, 10, LEASE);
			expect(due.filter((m) => m.kind === 'concern-feedback')).toHaveLength(1);
			expect(
				(await store.office.auditLog(['de-musterstadt'], 10)).map((e) => [e.action, e.reference]),
			).toEqual([['feedback', reference]]);
		});

		it("past the notifier's budget nothing is stored; an unknown concern gets nothing", async () => {
			await store.accept(submission('c1', T0, ['concern-office']));
			expect(await feedback('c1', T0 + 1, 0)).toBe('over-budget');
			expect(await store.office.feedback.sent('c1')).toBeUndefined();
			expect(await feedback('nothing', T0 + 1)).toBe('already');
			expect(await store.office.auditLog(['de-musterstadt'], 10)).toEqual([]);
		});
	});

	describe('durability', () => {
		it('keeps submissions and outbox state when the store is opened again on the same folder', async () => {
			const { reference } = accepted(await store.accept(submission('s1', T0)));
			const [a] = await store.claimDue(T0, 1, LEASE);
			await store.markSent(a!.id, T0 + 1000, 'p1');
			await store.close();

			store = await opened.another();
			expect(text(await store.body('s1'))).toBe('sealed body of s1');
			expect(await store.accept(submission('s1', T0 + 2000))).toEqual({
				reference,
				created: false,
			});
			expect(await store.health(T0 + 2000)).toEqual({
				pending: 1,
				oldestPendingMs: 2000,
				dead: 0,
				sent: 1,
			});
			const due = await store.claimDue(T0 + 2000, 10, LEASE);
			expect(due.map((m) => [m.submissionId, m.reference])).toEqual([['s1', reference]]);
		});

		it('sees what another connection committed', async () => {
			const other = await opened.another();
			const { reference } = accepted(await other.accept(submission('s1', T0)));
			expect(await store.accept(submission('s1', T0))).toEqual({ reference, created: false });
			expect(await store.claimDue(T0, 10, LEASE)).toHaveLength(2);
			expect(await other.claimDue(T0, 10, LEASE)).toEqual([]);
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

		it('books a slot with its e-mails and shows it as booked', async () => {
			const outcome = await store.book(booking('b1'));
			expect(outcome).toMatchObject({ created: true, reference: expect.stringMatching(REFERENCE) });
			expect(await store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([
				{ specialistId: 'beispiel', start: START, end: START + 45 * 60_000 },
			]);
			expect(await store.booking('b1')).toMatchObject({
				id: 'b1',
				officeId: 'de-musterstadt',
				specialistId: 'beispiel',
				start: START,
				mode: 'phone',
				status: 'booked',
			});
			expect((await store.claimDue(T0, 10, LEASE)).map((m) => m.kind).sort()).toEqual([
				'booking-professional',
				'booking-specialist',
			]);
		});

		it('refuses a second booking of the same slot by anyone, and stores nothing of it', async () => {
			await store.book(booking('b1'));
			expect(await store.book(booking('b2'))).toEqual({ taken: true });
			expect(await store.booking('b2')).toBeUndefined();
			expect(await store.body('b2')).toBeUndefined();
			expect((await store.health(T0)).pending).toBe(2);
			// Another specialist at the same time, or the same specialist at another time, is fine.
			expect(await store.book(booking('b3', 'muster'))).toMatchObject({ created: true });
			expect(await store.book(booking('b4', 'beispiel', START + HOUR))).toMatchObject({
				created: true,
			});
		});

		it('answers the same booking sent again with its reference, not with "taken"', async () => {
			const first = await store.book(booking('b1'));
			expect(await store.book(booking('b1'))).toEqual({
				reference: (first as { reference: string }).reference,
				created: false,
			});
		});

		it("keeps a booked consultation's body past the delivered retention until the consultation is over, so a cancellation can still be told", async () => {
			await store.book(booking('b1'));
			for (const m of await store.claimDue(T0, 10, LEASE))
				await store.markSent(m.id, T0, undefined);
			// A day after sending, with a retention of 0 days: the consultation (in 48 hours) is still ahead.
			await store.purge(T0 + 24 * HOUR, T0 + 24 * HOUR, T0 - 24 * HOUR);
			expect(await store.body('b1')).toBeDefined();
			expect(await store.cancelBooking('b1', T0 + 25 * HOUR)).toBe('cancelled');
			// Cancelled, its notice sent: now the usual rule applies.
			for (const m of await store.claimDue(T0 + 25 * HOUR, 10, LEASE))
				await store.markSent(m.id, T0 + 25 * HOUR, undefined);
			await store.purge(T0 + 26 * HOUR, T0 + 26 * HOUR, T0 - 24 * HOUR);
			expect(await store.body('b1')).toBeUndefined();
		});

		it("purges a booking's body once the consultation is over and the retention has passed", async () => {
			await store.book(booking('b1'));
			for (const m of await store.claimDue(T0, 10, LEASE))
				await store.markSent(m.id, T0, undefined);
			await store.purge(START + 44 * 60_000, T0 + HOUR, T0 - 24 * HOUR);
			expect(await store.body('b1')).toBeDefined();
			await store.purge(START + 46 * 60_000, T0 + HOUR, T0 - 24 * HOUR);
			expect(await store.body('b1')).toBeUndefined();
		});

		/** The professional's mail budget for a cancellation notice. */
		const professional = (perRecipient = 5) => ({
			recipient: 'teacher',
			kinds: ['booking-cancel-professional'] as MessageKind[],
			perRecipient,
			total: 100,
		});

		it('cancelling frees the slot once and queues one notice to the specialist and one to the professional', async () => {
			await store.book(booking('b1'));
			expect(await store.cancelBooking('b1', T0 + HOUR, professional())).toBe('cancelled');
			expect(await store.cancelBooking('b1', T0 + HOUR, professional())).toBe('already');
			expect(await store.cancelBooking('nope', T0 + HOUR, professional())).toBe('missing');
			expect((await store.booking('b1'))?.status).toBe('cancelled');
			expect(await store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([]);
			const due = await store.claimDue(T0 + HOUR, 10, LEASE);
			expect(due.filter((m) => m.kind === 'booking-cancel-specialist')).toHaveLength(1);
			expect(due.filter((m) => m.kind === 'booking-cancel-professional')).toHaveLength(1);
			// The freed slot can be booked again.
			expect(await store.book(booking('b2'))).toMatchObject({ created: true });
		});

		it("the professional's cancellation notice counts against their mail budget; the specialist's never does", async () => {
			await store.book(booking('b1'));
			await store.book(booking('b2', 'muster'));
			expect(await store.cancelBooking('b1', T0 + HOUR, professional(1))).toBe('cancelled');
			expect(await store.cancelBooking('b2', T0 + HOUR, professional(1))).toBe('cancelled');
			const kinds = (await store.claimDue(T0 + HOUR, 10, LEASE)).map(
				(m) => `${m.submissionId}:${m.kind}`,
			);
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

		it('a token is used up with the submission it came with; another submission with it is refused and stores nothing', async () => {
			expect(accepted(await store.accept({ ...submission('s1', T0), token })).created).toBe(true);
			expect(await store.accept({ ...submission('s2', T0), token })).toEqual({ replayed: true });
			expect(await store.body('s2')).toBeUndefined();
			expect((await store.health(T0)).pending).toBe(2);
		});

		it('the same submission sent again with its token is answered as before, not as a replay', async () => {
			const first = accepted(await store.accept({ ...submission('s1', T0), token }));
			expect(await store.accept({ ...submission('s1', T0), token })).toEqual({
				reference: first.reference,
				created: false,
			});
		});

		it('bookings use up tokens the same way, and a refused booking leaves the slot free', async () => {
			await store.accept({ ...submission('s1', T0), token });
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
			expect(await store.book(booking)).toEqual({ replayed: true });
			expect(await store.bookedSlots('de-musterstadt', T0, T0 + 72 * HOUR)).toEqual([]);
		});

		it('forgets used tokens once they have expired (with the hourly purge)', async () => {
			await store.accept({ ...submission('s1', T0), token });
			await store.purge(T0 + 2 * HOUR, 0, 0);
			expect(
				accepted(await store.accept({ ...submission('s2', T0 + 3 * HOUR), token })).created,
			).toBe(true);
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
		async function drain(limit: number): Promise<string[]> {
			const order: string[] = [];
			for (let i = 0; i < limit; i++) {
				const [message] = await store.claimDue(T0 + HOUR, 1, LEASE);
				if (!message) break;
				await store.markSent(message.id, T0 + HOUR, undefined);
				order.push(message.submissionId);
			}
			return order;
		}

		it('an urgent concern goes before a flood of 200 ordinary ones', async () => {
			for (let i = 0; i < 200; i++) await store.accept(ofOffice(`spam${i}`, 'office-a', T0));
			await drain(3);
			await store.accept(ofOffice('urgent', 'office-a', T0 + 1, 1));
			expect(await drain(1)).toEqual(['urgent']);
		}, 20_000);

		it("one office's backlog does not hold up another's: a concern for office B is sent within two turns", async () => {
			for (let i = 0; i < 200; i++) await store.accept(ofOffice(`spam${i}`, 'office-a', T0));
			await drain(50);
			await store.accept(ofOffice('b1', 'office-b', T0 + 1));
			await store.accept(ofOffice('b2', 'office-b', T0 + 2));
			const next = await drain(4);
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
		const kinds = async (limit = 100) =>
			(await store.claimDue(T0 + HOUR, limit, LEASE)).map((m) => `${m.submissionId}:${m.kind}`);

		it('holds back receipts to one address past its daily budget, never the office copy, and counts again the next day', async () => {
			const held: MessageKind[][] = [];
			for (let i = 0; i < 5; i++)
				held.push(
					accepted(await store.accept({ ...submission(`s${i}`, T0), budget })).heldBack ?? [],
				);
			expect(held.map((h) => h.length)).toEqual([0, 0, 0, 1, 1]);
			const queued = await kinds();
			expect(queued.filter((k) => k.endsWith('concern-office'))).toHaveLength(5);
			expect(queued.filter((k) => k.endsWith('concern-receipt'))).toHaveLength(3);
			const tomorrow = accepted(
				await store.accept({ ...submission('next-day', T0 + 24 * HOUR), budget }),
			);
			expect(tomorrow.heldBack).toBeUndefined();
		});

		it('holds back receipts to anyone once the whole site has used its daily budget', async () => {
			for (let i = 0; i < 5; i++)
				await store.accept({
					...submission(`s${i}`, T0),
					budget: { ...budget, recipient: `person${i}` },
				});
			const sixth = accepted(
				await store.accept({
					...submission('s5', T0),
					budget: { ...budget, recipient: 'person5' },
				}),
			);
			expect(sixth.heldBack).toEqual(['concern-receipt']);
		});
	});

	describe('booking limits', () => {
		const START = T0 + 48 * HOUR;
		const book = async (id: string, start: number, limits: Partial<NewBooking['limits']> = {}) =>
			await store.book({
				...submission(id, T0, ['booking-professional']),
				specialistId: 'x',
				start,
				end: start + HOUR,
				mode: 'phone',
				personalDataFindings: [],
				limits: { email: 'teacher', client: 'school', perEmail: 2, perClient: 3, ...limits },
			});

		it('refuses a third booking for one e-mail address and a fourth from one client, and stores nothing of them', async () => {
			expect(await book('b1', START)).toMatchObject({ created: true });
			expect(await book('b2', START + HOUR)).toMatchObject({ created: true });
			expect(await book('b3', START + 2 * HOUR)).toEqual({ limited: 'email' });
			expect(await book('b4', START + 3 * HOUR, { email: 'colleague' })).toMatchObject({
				created: true,
			});
			expect(await book('b5', START + 4 * HOUR, { email: 'third' })).toEqual({ limited: 'client' });
			expect(await store.booking('b3')).toBeUndefined();
			expect(await store.booking('b5')).toBeUndefined();
		});

		it('counts only consultations not yet over and not cancelled', async () => {
			await book('b1', START);
			await book('b2', START + HOUR);
			await store.cancelBooking('b1', T0 + HOUR);
			expect(await book('b3', START + 2 * HOUR)).toMatchObject({ created: true });
		});
	});
});

describe.skipIf(!inject('postgresUrl'))('the PostgreSQL store', () => {
	it('instances starting together migrate once: every schema step applied exactly once, all of them open', async () => {
		const url = await createDatabase(inject('postgresUrl'));
		const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, 1)));
		try {
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			const { rows } = await client.query<{ version: number }>(
				'SELECT version FROM schema_migrations ORDER BY version',
			);
			await client.end();
			expect(rows.map((r) => r.version)).toEqual(pgMigrationFiles().map((_, i) => i + 1));
			// Each of them works on the one schema.
			for (const [i, s] of stores.entries()) await s.accept(submission(`s${i}`, T0));
			expect((await stores[0]!.health(T0)).pending).toBe(8);
		} finally {
			for (const s of stores) await s.close();
		}
	});

	it('a database that cannot be used at start is named, without its password', async () => {
		const closed = `postgres://postgres:secret-password@127.0.0.1:9/nothing`;
		const noSuch = new URL(inject('postgresUrl'));
		noSuch.pathname = '/no_such_database';
		for (const url of [closed, noSuch.href]) {
			const refused = await openPostgresStore(url, 1).catch((error: Error) => error);
			expect(refused).toBeInstanceOf(DatabaseUnavailable);
			expect((refused as Error).message).toMatch(
				/^DATABASE_URL: the database \w+ at 127\.0\.0\.1:\d+ cannot be used/,
			);
			expect((refused as Error).message).not.toContain('secret-password');
		}
	});

	it('refuses a database whose schema is newer than this version knows', async () => {
		const url = await createDatabase(inject('postgresUrl'));
		await (await openPostgresStore(url, 1)).close();
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)');
		await client.end();
		await expect(openPostgresStore(url, 1)).rejects.toThrow(/newer than this version knows/);
	});

	it('a database that cannot be reached fails the health check instead of hanging', async () => {
		const url = await createDatabase(inject('postgresUrl'));
		const store = await openPostgresStore(url, 1);
		await store.ping();
		const admin = new pg.Client({ connectionString: inject('postgresUrl') });
		await admin.connect();
		// The database goes away under the running store (as when its server is lost).
		await admin.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
		await admin.end();
		await expect(store.ping()).rejects.toThrow();
		await expect(store.anyDead()).rejects.toThrow();
		await store.close();
	});
});

describe('the SQLite store', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'store-test-'));
		store = openSqliteStore(dir);
	});
	afterEach(async () => {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('claims through indexes: the next message is read from the ready queue, never found by sorting the backlog', async () => {
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

	describe('deleted means deleted', () => {
		it('after a purge no byte sequence of a purged body is left in the database file or its WAL', async () => {
			const bodies = Array.from({ length: 200 }, (_, i) =>
				Buffer.from(`ciphertext-${i}-${'x'.repeat(400 + (i % 7) * 300)}-${i}-end`),
			);
			for (const [i, body] of bodies.entries()) {
				await store.accept({
					...submission(`p${i}`, T0, ['concern-office']),
					body: new Uint8Array(body),
				});
				await close(`p${i}`);
				const [message] = await store.claimDue(T0, 1, LEASE);
				await store.markSent(message!.id, T0, undefined);
			}
			const before = storeFiles(dir);
			expect(bodies.filter((b) => before.includes(b.subarray(0, 32))).length).toBe(200);

			expect((await store.purge(T0 + 10 * 24 * HOUR, T0 + 7 * 24 * HOUR, T0 - 1)).delivered).toBe(
				200,
			);
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
		it('are numbered files without gaps, and a store made by an older version is brought up to date with its data kept', async () => {
			const files = migrationFiles();
			expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
			// A store as the version before the last migration left it.
			const old = mkdtempSync(join(tmpdir(), 'store-old-'));
			const db = new DatabaseSync(join(old, 'store.sqlite'));
			for (const file of files.slice(0, -1))
				db.exec(
					readFileSync(
						join(import.meta.dirname, '../../src/server/store/migrations', file),
						'utf8',
					),
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
				expect(
					(await upgraded.claimDue(T0, 10, LEASE)).map((m) => [m.submissionId, m.reference]),
				).toEqual([['old', 'AAAA-BBBB']]);
			} finally {
				await upgraded.close();
				rmSync(old, { recursive: true, force: true });
			}
		});
	});
});
