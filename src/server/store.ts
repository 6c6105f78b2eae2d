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
	/**
	 * 1 for what an office should act on today: sent before everything else. Messages of one
	 * office take turns with every other office's, so a flood aimed at one office (or from one
	 * script) never holds up another's.
	 */
	priority?: 0 | 1;
	/**
	 * The daily budget of e-mails to the professional's address (a keyed hash of it), so that
	 * typing someone else's address cannot make the site flood them. Past it, the messages in
	 * `budget.kinds` are not queued; the office's copies always are.
	 */
	budget?: MailBudget;
	now: number;
	/**
	 * A single-use token it came with (a solved challenge): used up in the same transaction, so
	 * it counts once. The same submission sent twice is not a replay.
	 */
	token?: { hash: string; expiresAt: number };
}

export interface MailBudget {
	recipient: string;
	kinds: readonly MessageKind[];
	perRecipient: number;
	/** For the whole site, per day. */
	total: number;
}

/** The submission's token was already used by another submission: nothing was stored. */
export interface Replayed {
	replayed: true;
}

export interface Accepted {
	reference: string;
	/** False when the id was already stored: a double submit or a retry, answered the same. */
	created: boolean;
	/** Messages the mail budget held back (see `NewSubmission.budget`). */
	heldBack?: MessageKind[];
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
	/**
	 * Consultations not yet over that one professional (a keyed hash of their e-mail) and one
	 * client address (likewise) may hold, so one script cannot book every free slot.
	 */
	limits: { email: string; client: string; perEmail: number; perClient: number };
}

/** Over a booking limit: nothing was stored. */
export interface Limited {
	limited: 'email' | 'client';
}

export type BookingOutcome = Accepted | { taken: true } | Replayed | Limited;

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
	/** A claimed message that was not attempted (the worker is stopping): back to the queue as it was. */
	release(id: number): void;
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
	/** Whether any message was given up on; constant time, for the public health check. */
	anyDead(): boolean;
	/** Counts for the operator; reads the whole outbox. */
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
	// Fair, urgent-first delivery: `turn` is a message's place in a round robin over the offices.
	// A recipient budget against mail floods. Booking limits per e-mail and per client (keyed hashes).
	`ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT '';
	ALTER TABLE outbox ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX outbox_next ON outbox (status, priority DESC, turn, id);
	CREATE INDEX outbox_lane ON outbox (lane, status, turn);
	CREATE TABLE mail_budget (
		recipient TEXT NOT NULL,
		day INTEGER NOT NULL,
		queued INTEGER NOT NULL,
		PRIMARY KEY (recipient, day)
	) STRICT;
	ALTER TABLE bookings ADD COLUMN email_key TEXT;
	ALTER TABLE bookings ADD COLUMN client_key TEXT;
	CREATE INDEX bookings_email ON bookings (email_key, status, end_utc);
	CREATE INDEX bookings_client ON bookings (client_key, status, end_utc);`,
];

const DAY_MS = 24 * 3600 * 1000;
/** The budget row that counts the whole site's mail to professionals. */
const EVERYONE = '*';

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
	// secure_delete: what is deleted or overwritten (a purged body) is zeroed in the file, not left
	// in free space; the WAL is truncated after a purge (see `purge`).
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;');
	migrate(db);

	const q = {
		findSubmission: db.prepare('SELECT reference FROM submissions WHERE id = ?'),
		insertSubmission: db.prepare(
			'INSERT INTO submissions (id, kind, reference, office_id, locale, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
		),
		// A message's turn: after its office's last waiting message, and never before the turn now served.
		insertMessage: db.prepare(
			`INSERT INTO outbox (submission_id, kind, next_attempt_at, created_at, priority, lane, turn)
			 VALUES (?1, ?2, ?3, ?3, ?4, ?5, MAX(
			   COALESCE((SELECT MAX(turn) + 1 FROM outbox WHERE lane = ?5 AND status IN ('pending', 'sending')), 0),
			   COALESCE((SELECT MIN(turn) FROM outbox WHERE status = 'pending' AND priority = 0), 0)))`,
		),
		budgetUsed: db.prepare('SELECT queued FROM mail_budget WHERE recipient = ? AND day = ?'),
		budgetTake: db.prepare(
			`INSERT INTO mail_budget (recipient, day, queued) VALUES (?, ?, 1)
			 ON CONFLICT (recipient, day) DO UPDATE SET queued = queued + 1`,
		),
		forgetBudgets: db.prepare('DELETE FROM mail_budget WHERE day < ?'),
		activeBookings: db.prepare(
			`SELECT (SELECT COUNT(*) FROM bookings WHERE email_key = ?1 AND status = 'booked' AND end_utc > ?3) AS email,
			        (SELECT COUNT(*) FROM bookings WHERE client_key = ?2 AND status = 'booked' AND end_utc > ?3) AS client`,
		),
		insertBooking: db.prepare(
			`INSERT INTO bookings (id, office_id, specialist_id, start_utc, end_utc, mode, personal_data_findings, created_at, email_key, client_key)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
		officeOf: db.prepare('SELECT office_id FROM submissions WHERE id = ?'),
		cancel: db.prepare(`UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'booked'`),
		// Urgent first, then by turn; a message whose sender's lease ran out (a crash) before all.
		due: db.prepare(
			`SELECT o.id, o.submission_id AS submissionId, o.kind, o.attempts, s.reference, s.office_id AS officeId, s.locale
			 FROM outbox o JOIN submissions s ON s.id = o.submission_id
			 WHERE o.status = 'pending' AND o.next_attempt_at <= ?1
			 ORDER BY o.priority DESC, o.turn, o.id LIMIT ?2`,
		),
		leaseExpired: db.prepare(
			`SELECT o.id, o.submission_id AS submissionId, o.kind, o.attempts, s.reference, s.office_id AS officeId, s.locale
			 FROM outbox o JOIN submissions s ON s.id = o.submission_id
			 WHERE o.status = 'sending' AND o.lease_until <= ?1
			 ORDER BY o.id LIMIT ?2`,
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
		release: db.prepare(`UPDATE outbox SET status = 'pending', lease_until = NULL WHERE id = ? AND status = 'sending'`),
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
		forgetBookingKeys: db.prepare(
			`UPDATE bookings SET email_key = NULL, client_key = NULL WHERE email_key IS NOT NULL AND (status = 'cancelled' OR end_utc <= ?)`,
		),
		anyDead: db.prepare(`SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'dead') AS dead`),
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

	/** Queues a submission's messages, as far as the mail budget allows; returns those held back. The caller holds the transaction. */
	function queueMessages(s: NewSubmission): MessageKind[] {
		const heldBack: MessageKind[] = [];
		const day = Math.floor(s.now / DAY_MS);
		const used = (recipient: string) => (q.budgetUsed.get(recipient, day) as { queued: number } | undefined)?.queued ?? 0;
		for (const kind of s.messages) {
			const budget = s.budget?.kinds.includes(kind) ? s.budget : undefined;
			if (budget) {
				if (used(budget.recipient) >= budget.perRecipient || used(EVERYONE) >= budget.total) {
					heldBack.push(kind);
					continue;
				}
				q.budgetTake.run(budget.recipient, day);
				q.budgetTake.run(EVERYONE, day);
			}
			q.insertMessage.run(s.id, kind, s.now, s.priority ?? 0, s.officeId);
		}
		return heldBack;
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
				const heldBack = queueMessages(s);
				return { reference, created: true, ...(heldBack.length > 0 ? { heldBack } : {}) };
			});
		},
		book(b) {
			try {
				return transaction(() => {
					const existing = q.findSubmission.get(b.id) as { reference: string } | undefined;
					if (existing) return { reference: existing.reference, created: false };
					const active = q.activeBookings.get(b.limits.email, b.limits.client, b.now) as { email: number; client: number };
					if (active.email >= b.limits.perEmail) return { limited: 'email' };
					if (active.client >= b.limits.perClient) return { limited: 'client' };
					if (!useToken({ ...b, kind: 'booking' })) return { replayed: true };
					const reference = insertSubmission({ ...b, kind: 'booking' });
					q.insertBooking.run(
						b.id, b.officeId, b.specialistId, b.start, b.end, b.mode, JSON.stringify(b.personalDataFindings), b.now, b.limits.email, b.limits.client,
					);
					const heldBack = queueMessages({ ...b, kind: 'booking' });
					return { reference, created: true, ...(heldBack.length > 0 ? { heldBack } : {}) };
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
				const { office_id: officeId } = q.officeOf.get(id) as { office_id: string };
				q.insertMessage.run(id, 'booking-cancel-specialist', now, 0, officeId);
				return 'cancelled';
			});
		},
		claimDue(now, limit, leaseMs) {
			return transaction(() => {
				const expired = q.leaseExpired.all(now, limit) as unknown as OutboxMessage[];
				const rows = expired.length > 0 ? expired : (q.due.all(now, limit) as unknown as OutboxMessage[]);
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
		release(id) {
			q.release.run(id);
		},
		retryNow(now) {
			return Number(q.retryNow.run(now).changes);
		},
		body(submissionId) {
			const row = q.body.get(submissionId) as { body: Uint8Array | null } | undefined;
			return row?.body ?? undefined;
		},
		purge(now, deliveredBefore, undeliveredBefore) {
			const purged = transaction(() => {
				const delivered = Number(q.purgeDelivered.run(now, deliveredBefore).changes);
				q.expireUnsent.run(undeliveredBefore);
				const undelivered = Number(q.purgeUndelivered.run(now, undeliveredBefore).changes);
				q.forgetTokens.run(now);
				q.forgetBudgets.run(Math.floor(now / DAY_MS) - 1);
				q.forgetBookingKeys.run(now);
				return { delivered, undelivered };
			});
			// The old pages (with the encrypted bodies) still sit in the WAL until it is checkpointed
			// and truncated; secure_delete has zeroed them in the database file itself.
			if (purged.delivered + purged.undelivered > 0) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
			return purged;
		},
		anyDead() {
			return (q.anyDead.get() as { dead: number }).dead === 1;
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
