/**
 * The durable store: submissions (encrypted bodies) and the outbox of e-mails to send.
 * `node:sqlite` in WAL mode with full sync, so an accepted submission survives a crash the
 * moment `accept` returns. Everything goes through the `Store` interface so another database
 * (PostgreSQL) can implement it later. Times are milliseconds since the epoch, passed in by the
 * caller so tests can control the clock.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { BookedSlot } from '../lib/slots.ts';

export type SubmissionKind = 'concern' | 'booking';
export type MessageKind =
	| 'concern-office'
	| 'concern-receipt'
	| 'booking-professional'
	| 'booking-specialist'
	| 'booking-cancel-specialist';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface NewSubmission {
	id: string;
	kind: SubmissionKind;
	officeId: string;
	locale: string;
	/** Encrypted body (see data-crypto.ts). */
	body: Uint8Array;
	/** E-mails to send for it, each once. */
	messages: MessageKind[];
	now: number;
	/**
	 * A single-use token it came with (a solved challenge): used up in the same transaction, so
	 * it counts once. The same submission sent twice is not a replay.
	 */
	token?: { hash: string; expiresAt: number };
}

/** The submission's token was already used by another submission: nothing was stored. */
export interface Replayed {
	replayed: true;
}

export interface Accepted {
	reference: string;
	/** False when the id was already stored: a double submit or a retry, answered the same. */
	created: boolean;
}

export interface OutboxMessage {
	id: number;
	submissionId: string;
	kind: MessageKind;
	attempts: number;
	reference: string;
	officeId: string;
	locale: string;
}

export interface NewBooking extends Omit<NewSubmission, 'kind'> {
	specialistId: string;
	start: number;
	end: number;
	mode: string;
	/** What the personal-data check found in the description (the person confirmed it). */
	personalDataFindings: readonly string[];
}

export type BookingOutcome = Accepted | { taken: true } | Replayed;

export interface BookingRow {
	id: string;
	reference: string;
	officeId: string;
	specialistId: string;
	start: number;
	end: number;
	mode: string;
	locale: string;
	status: 'booked' | 'cancelled';
}

export interface Health {
	pending: number;
	oldestPendingMs: number | null;
	dead: number;
	sent: number;
}

export interface Store {
	accept(submission: NewSubmission): Accepted | Replayed;
	/**
	 * Book a slot: the submission, the booking and its e-mails in one transaction. A slot that is
	 * already booked (by anyone) answers `taken` – enforced by a unique index, not by a check.
	 */
	book(booking: NewBooking): BookingOutcome;
	/** The booked (not cancelled) slots of an office that start in [from, to). */
	bookedSlots(officeId: string, from: number, to: number): BookedSlot[];
	booking(id: string): BookingRow | undefined;
	/** Frees the slot and queues the specialist's notice; `already` for a second attempt. */
	cancelBooking(id: string, now: number): 'cancelled' | 'already' | 'missing';
	/** Messages due now; each is leased for `leaseMs` so a crashed sender's lease runs out. */
	claimDue(now: number, limit: number, leaseMs: number): OutboxMessage[];
	markSent(id: number, now: number, providerId: string | undefined): void;
	/** Back to pending until `nextAttemptAt`; `error` is a classification, never message content. */
	markRetry(id: number, nextAttemptAt: number, error: string): void;
	/** Given up: reported on /healthz. */
	markDead(id: number, error: string): void;
	/** After a restart: messages a previous process was sending go back to the queue at once. */
	recover(): number;
	/** The provider works again: messages waiting for a retry become due at `now` (returns how many). */
	retryNow(now: number): number;
	body(submissionId: string): Uint8Array | undefined;
	/**
	 * Retention: drop the bodies of submissions whose every message was sent before
	 * `deliveredBefore` (a booked consultation's only once it is over: a cancellation still needs
	 * it for the notice to the specialist), and of submissions created before `undeliveredBefore` whatever their
	 * state (their unsent messages are given up). Metadata stays.
	 */
	purge(now: number, deliveredBefore: number, undeliveredBefore: number): { delivered: number; undelivered: number };
	health(now: number): Health;
	close(): void;
}

const MIGRATIONS = [
	`CREATE TABLE submissions (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		reference TEXT NOT NULL UNIQUE,
		office_id TEXT NOT NULL,
		locale TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		body BLOB,
		purged_at INTEGER
	) STRICT;
	CREATE TABLE outbox (
		id INTEGER PRIMARY KEY,
		submission_id TEXT NOT NULL REFERENCES submissions(id),
		kind TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER NOT NULL,
		lease_until INTEGER,
		last_error TEXT,
		provider_id TEXT,
		created_at INTEGER NOT NULL,
		sent_at INTEGER,
		UNIQUE (submission_id, kind)
	) STRICT;
	CREATE INDEX outbox_due ON outbox (status, next_attempt_at);`,
	`CREATE TABLE bookings (
		id TEXT PRIMARY KEY REFERENCES submissions(id),
		office_id TEXT NOT NULL,
		specialist_id TEXT NOT NULL,
		start_utc INTEGER NOT NULL,
		end_utc INTEGER NOT NULL,
		mode TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
		personal_data_findings TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		cancelled_at INTEGER
	) STRICT;
	CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (office_id, specialist_id, start_utc) WHERE status = 'booked';`,
	`CREATE TABLE used_tokens (
		hash TEXT PRIMARY KEY,
		submission_id TEXT NOT NULL,
		expires_at INTEGER NOT NULL
	) STRICT;`,
];

// Crockford's base32 without I, L, O, U: easy to read aloud on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A reference like "K7F3-9Q2M": 40 random bits, unique by constraint. */
export function newReference(): string {
	let s = '';
	for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
	return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export function openSqliteStore(dataDir: string): Store {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'));
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
	migrate(db);

	const q = {
		findSubmission: db.prepare('SELECT reference FROM submissions WHERE id = ?'),
		insertSubmission: db.prepare(
			'INSERT INTO submissions (id, kind, reference, office_id, locale, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
		),
		insertMessage: db.prepare('INSERT INTO outbox (submission_id, kind, next_attempt_at, created_at) VALUES (?, ?, ?, ?)'),
		insertBooking: db.prepare(
			`INSERT INTO bookings (id, office_id, specialist_id, start_utc, end_utc, mode, personal_data_findings, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		),
		bookedSlots: db.prepare(
			`SELECT specialist_id AS specialistId, start_utc AS start, end_utc AS "end" FROM bookings
			 WHERE office_id = ? AND status = 'booked' AND start_utc >= ? AND start_utc < ?`,
		),
		booking: db.prepare(
			`SELECT b.id, s.reference, b.office_id AS officeId, b.specialist_id AS specialistId, b.start_utc AS start,
			        b.end_utc AS "end", b.mode, s.locale, b.status
			 FROM bookings b JOIN submissions s ON s.id = b.id WHERE b.id = ?`,
		),
		cancel: db.prepare(`UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'booked'`),
		due: db.prepare(
			`SELECT o.id, o.submission_id AS submissionId, o.kind, o.attempts, s.reference, s.office_id AS officeId, s.locale
			 FROM outbox o JOIN submissions s ON s.id = o.submission_id
			 WHERE (o.status = 'pending' AND o.next_attempt_at <= ?1) OR (o.status = 'sending' AND o.lease_until <= ?1)
			 ORDER BY o.next_attempt_at, o.id LIMIT ?2`,
		),
		lease: db.prepare(`UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?`),
		sent: db.prepare(
			`UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, attempts = attempts + 1, lease_until = NULL, last_error = NULL WHERE id = ?`,
		),
		retry: db.prepare(
			`UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ?`,
		),
		dead: db.prepare(`UPDATE outbox SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ?`),
		recover: db.prepare(`UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending'`),
		retryNow: db.prepare(`UPDATE outbox SET next_attempt_at = ?1 WHERE status = 'pending' AND attempts > 0 AND next_attempt_at > ?1`),
		body: db.prepare('SELECT body FROM submissions WHERE id = ?'),
		purgeDelivered: db.prepare(
			`UPDATE submissions SET body = NULL, purged_at = ?1 WHERE body IS NOT NULL
			 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.submission_id = submissions.id AND (o.status <> 'sent' OR o.sent_at >= ?2))
			 AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = submissions.id AND b.status = 'booked' AND b.end_utc > ?1)`,
		),
		expireUnsent: db.prepare(
			`UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = 'expired: not delivered within the retention period'
			 WHERE status IN ('pending', 'sending') AND submission_id IN (SELECT id FROM submissions WHERE body IS NOT NULL AND created_at < ?)`,
		),
		purgeUndelivered: db.prepare(
			`UPDATE submissions SET body = NULL, purged_at = ?1 WHERE body IS NOT NULL AND created_at < ?2`,
		),
		useToken: db.prepare('INSERT INTO used_tokens (hash, submission_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING'),
		forgetTokens: db.prepare('DELETE FROM used_tokens WHERE expires_at < ?'),
		health: db.prepare(
			`SELECT
				SUM(status IN ('pending', 'sending')) AS pending,
				MIN(CASE WHEN status IN ('pending', 'sending') THEN created_at END) AS oldest,
				SUM(status = 'dead') AS dead,
				SUM(status = 'sent') AS sent
			 FROM outbox`,
		),
	};

	function transaction<T>(work: () => T): T {
		db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			db.exec('COMMIT');
			return result;
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}

	/** Uses up a submission's token; false when another submission used it. The caller holds the transaction. */
	function useToken(s: NewSubmission): boolean {
		return !s.token || Number(q.useToken.run(s.token.hash, s.id, s.token.expiresAt).changes) === 1;
	}

	/** Inserts a submission under a fresh reference; the caller holds the transaction. */
	function insertSubmission(s: NewSubmission): string {
		for (let attempt = 0; ; attempt++) {
			const reference = newReference();
			try {
				q.insertSubmission.run(s.id, s.kind, reference, s.officeId, s.locale, s.now, s.body);
				return reference;
			} catch (error) {
				// A reference collision (one in a trillion): draw another.
				if (attempt < 5 && String(error).includes('submissions.reference')) continue;
				throw error;
			}
		}
	}

	return {
		accept(s) {
			return transaction(() => {
				const existing = q.findSubmission.get(s.id) as { reference: string } | undefined;
				if (existing) return { reference: existing.reference, created: false };
				if (!useToken(s)) return { replayed: true };
				const reference = insertSubmission(s);
				for (const kind of s.messages) q.insertMessage.run(s.id, kind, s.now, s.now);
				return { reference, created: true };
			});
		},
		book(b) {
			try {
				return transaction(() => {
					const existing = q.findSubmission.get(b.id) as { reference: string } | undefined;
					if (existing) return { reference: existing.reference, created: false };
					if (!useToken({ ...b, kind: 'booking' })) return { replayed: true };
					const reference = insertSubmission({ ...b, kind: 'booking' });
					q.insertBooking.run(b.id, b.officeId, b.specialistId, b.start, b.end, b.mode, JSON.stringify(b.personalDataFindings), b.now);
					for (const kind of b.messages) q.insertMessage.run(b.id, kind, b.now, b.now);
					return { reference, created: true };
				});
			} catch (error) {
				if (String(error).includes('bookings.office_id')) return { taken: true };
				throw error;
			}
		},
		bookedSlots(officeId, from, to) {
			return (q.bookedSlots.all(officeId, from, to) as unknown as BookedSlot[]).map((r) => ({ ...r }));
		},
		booking(id) {
			const row = q.booking.get(id) as BookingRow | undefined;
			return row ? { ...row } : undefined;
		},
		cancelBooking(id, now) {
			return transaction(() => {
				if (!q.booking.get(id)) return 'missing';
				if (Number(q.cancel.run(now, id).changes) === 0) return 'already';
				q.insertMessage.run(id, 'booking-cancel-specialist', now, now);
				return 'cancelled';
			});
		},
		claimDue(now, limit, leaseMs) {
			return transaction(() => {
				const rows = q.due.all(now, limit) as unknown as OutboxMessage[];
				for (const row of rows) q.lease.run(now + leaseMs, row.id);
				return rows.map((r) => ({ ...r }));
			});
		},
		markSent(id, now, providerId) {
			q.sent.run(now, providerId ?? null, id);
		},
		markRetry(id, nextAttemptAt, error) {
			q.retry.run(nextAttemptAt, error, id);
		},
		markDead(id, error) {
			q.dead.run(error, id);
		},
		recover() {
			return Number(q.recover.run().changes);
		},
		retryNow(now) {
			return Number(q.retryNow.run(now).changes);
		},
		body(submissionId) {
			const row = q.body.get(submissionId) as { body: Uint8Array | null } | undefined;
			return row?.body ?? undefined;
		},
		purge(now, deliveredBefore, undeliveredBefore) {
			return transaction(() => {
				const delivered = Number(q.purgeDelivered.run(now, deliveredBefore).changes);
				q.expireUnsent.run(undeliveredBefore);
				const undelivered = Number(q.purgeUndelivered.run(now, undeliveredBefore).changes);
				q.forgetTokens.run(now);
				return { delivered, undelivered };
			});
		},
		health(now) {
			const row = q.health.get() as { pending: number | null; oldest: number | null; dead: number | null; sent: number | null };
			return {
				pending: row.pending ?? 0,
				oldestPendingMs: row.oldest === null ? null : Math.max(0, now - row.oldest),
				dead: row.dead ?? 0,
				sent: row.sent ?? 0,
			};
		},
		close() {
			db.close();
		},
	};
}

function migrate(db: DatabaseSync): void {
	const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
	for (let v = version; v < MIGRATIONS.length; v++) {
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec(MIGRATIONS[v]!);
			db.exec(`PRAGMA user_version = ${v + 1}`);
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}
}
