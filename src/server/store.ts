/**
 * The durable store: submissions (encrypted bodies), bookings, the outbox of e-mails to send and
 * single-use tokens. Everything goes through the `Store` interface so another database
 * (PostgreSQL) can implement it next; the SQLite implementation is split by job under `store/`
 * (one module per table, the schema as numbered files in `store/migrations/`) and composed here,
 * where the operations that span tables hold one transaction. Times are milliseconds since the
 * epoch, passed in by the caller so tests can control the clock.
 */
import type { BookedSlot } from '../lib/slots.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';
import { bookingsTable } from './store/bookings.ts';
import { openDatabase } from './store/database.ts';
import { lift } from './store/lift.ts';
import { officeCasesTable } from './store/office-cases.ts';
import { officeFeedbackTable } from './store/office-feedback.ts';
import { officeSsoStore, type OfficeSsoStore } from './store/office-sso.ts';
import type { DeadlineMessageKind, DeadlineStore } from './store/office-deadline-types.ts';
import { officeDeadlinesTable } from './store/office-deadlines.ts';
import { officeStore } from './store/office-store.ts';
import type { OfficeStore } from './store/office-types.ts';
import type { SpecialistStore } from './store/specialist-types.ts';
import { specialistStore } from './store/specialists.ts';
import { outboxTable } from './store/outbox.ts';
import { submissionsTable } from './store/submissions.ts';
import { usedTokensTable } from './store/used-tokens.ts';

export { newReference } from './store/reference.ts';

/** 'office-link': the e-mail with an office person's sign-in link (see store/office-types.ts). */
export type SubmissionKind = 'concern' | 'booking' | 'office-link';
export type MessageKind =
	| 'concern-office'
	| 'concern-receipt'
	| 'booking-professional'
	| 'booking-specialist'
	| 'booking-cancel-specialist'
	| 'booking-cancel-professional'
	/** To the notifier, when the office acknowledged the concern. */
	| 'concern-acknowledged'
	/** To the notifier: the office's feedback, a fixed template (store/office-feedback.ts). */
	| 'concern-feedback'
	| 'office-sign-in-link'
	/** To the office before a deadline, to its admins after it (see store/office-deadline-types.ts). */
	| DeadlineMessageKind;
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
	 * 1 for what an office should act on today: sent before everything else, and at the top of
	 * the office's inbox (`office_cases.urgent`). Messages of one
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
	/** The lease this claim holds (ms since the epoch): the claim's proof of ownership. */
	leaseUntil: number;
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
	accept(submission: NewSubmission): Promise<Accepted | Replayed>;
	/**
	 * Book a slot: the submission, the booking and its e-mails in one transaction. A slot that is
	 * already booked (by anyone) answers `taken` – enforced by a unique index, not by a check.
	 */
	book(booking: NewBooking): Promise<BookingOutcome>;
	/** The booked (not cancelled) slots of an office that start in [from, to). */
	bookedSlots(officeId: string, from: number, to: number): Promise<BookedSlot[]>;
	booking(id: string): Promise<BookingRow | undefined>;
	/**
	 * Frees the slot and queues the notices: to the specialist always, to the professional with
	 * `professional` (their mail budget: someone who booked and cancelled under another's address
	 * must not mail them past it); `already` for a second attempt.
	 */
	cancelBooking(
		id: string,
		now: number,
		professional?: MailBudget,
	): Promise<'cancelled' | 'already' | 'missing'>;
	/** Messages due now; each is leased for `leaseMs` so a crashed sender's lease runs out. */
	claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
	markSent(id: number, now: number, providerId: string | undefined): Promise<void>;
	/** Back to pending until `nextAttemptAt`; `error` is a classification, never message content. */
	markRetry(id: number, nextAttemptAt: number, error: string): Promise<void>;
	/** Given up: reported on /healthz. */
	markDead(id: number, error: string): Promise<void>;
	/** After a restart: messages a previous process was sending go back to the queue at once. */
	recover(): Promise<number>;
	/**
	 * A claimed message that was not attempted (the worker is stopping): back to the queue as it
	 * was – if the claim with `lease` is still the message's (else another instance has it now).
	 */
	release(id: number, lease: number): Promise<void>;
	/**
	 * Extends a claim to `until` just before sending, if it still holds `lease`; false when the
	 * lease ran out meanwhile and another instance may have taken the message over (then this one
	 * must not send it).
	 */
	renewLease(id: number, lease: number, until: number): Promise<boolean>;
	/** The provider works again: messages waiting for a retry become due at `now` (returns how many). */
	retryNow(now: number): Promise<number>;
	body(submissionId: string): Promise<Uint8Array | undefined>;
	/**
	 * Retention: drop the bodies of submissions whose every message was sent before
	 * `deliveredBefore` (a booked consultation's only once it is over: a cancellation still needs
	 * it for the notice to the specialist), and of submissions created before `undeliveredBefore` whatever their
	 * state (their unsent messages are given up). Metadata stays. A concern's body stays while
	 * the office has neither closed nor exported it, and after that until the period has passed.
	 */
	purge(
		now: number,
		deliveredBefore: number,
		undeliveredBefore: number,
	): Promise<{ delivered: number; undelivered: number }>;
	/** Whether any message was given up on; constant time, for the public health check. */
	anyDead(): Promise<boolean>;
	/** Counts for the operator; reads the whole outbox. */
	health(now: number): Promise<Health>;
	/**
	 * A rate limit named `name`: in this process for SQLite (one instance), in the database for
	 * PostgreSQL, so that it holds across instances.
	 */
	rateLimiter(name: string, limit: number, windowMs: number): RateLimiter;
	/** Throws when the database cannot be reached (for /healthz). */
	ping(): Promise<void>;
	/** The office workspace: people, sign-in, the handling of concerns, the audit log. */
	office: OfficeStore;
	/** Single sign-on: provider accounts, the memberships their groups give, the sign-in log. */
	officeSso: OfficeSsoStore;
	/** The deadline check: open concerns, and each reminder and escalation queued once. */
	deadlines: DeadlineStore;
	/** Consultations in the workspace: specialists' weekly hours, absences and bookings. */
	specialists: SpecialistStore;
	close(): Promise<void>;
}

/** The store the configuration names: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR. */
export async function openStore(config: {
	DATA_DIR: string;
	DATABASE_URL?: string | undefined;
	DATABASE_POOL_SIZE?: number;
}): Promise<Store> {
	if (!config.DATABASE_URL) return openSqliteStore(config.DATA_DIR);
	const { openPostgresStore } = await import('./store/postgres/pg-store.ts');
	return openPostgresStore(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
}

export function openSqliteStore(dataDir: string): Store {
	const database = openDatabase(dataDir);
	const { db, transaction, groupCommit } = database;
	const submissions = submissionsTable(database);
	const bookings = bookingsTable(database);
	const outbox = outboxTable(database);
	const tokens = usedTokensTable(database);
	const cases = officeCasesTable(database);
	const feedback = officeFeedbackTable(database, cases, outbox);

	/** What a submission stored a moment ago (or just now) answers. */
	const created = (reference: string, heldBack: MessageKind[]): Accepted => ({
		reference,
		created: true,
		...(heldBack.length > 0 ? { heldBack } : {}),
	});

	return {
		accept(s) {
			return groupCommit(() => {
				const existing = submissions.reference(s.id);
				if (existing) return { reference: existing, created: false };
				if (!tokens.use(s)) return { replayed: true };
				const reference = submissions.insert(s);
				if (s.kind === 'concern') cases.open(s);
				return created(reference, outbox.queue(s));
			});
		},
		book(b) {
			return groupCommit(() => {
				const existing = submissions.reference(b.id);
				if (existing) return { reference: existing, created: false };
				// The write transaction is taken at once, so nobody can book the slot between this check and the insert.
				if (bookings.isBooked(b)) return { taken: true };
				const limited = bookings.overLimit(b);
				if (limited) return { limited };
				const submission = { ...b, kind: 'booking' as const };
				if (!tokens.use(submission)) return { replayed: true };
				const reference = submissions.insert(submission);
				bookings.insert(b);
				return created(reference, outbox.queue(submission));
			});
		},
		bookedSlots: lift(bookings.bookedSlots),
		booking: lift(bookings.booking),
		async cancelBooking(id, now, professional) {
			return transaction(() => {
				const officeId = submissions.officeOf(id);
				if (!officeId || !bookings.booking(id)) return 'missing';
				if (!bookings.cancel(id, now)) return 'already';
				outbox.queueOne(id, officeId, 'booking-cancel-specialist', now);
				if (professional)
					outbox.queueOne(id, officeId, 'booking-cancel-professional', now, professional);
				return 'cancelled';
			});
		},
		async claimDue(now, limit, leaseMs) {
			return transaction(() => outbox.claimDue(now, limit, leaseMs));
		},
		markSent: lift(outbox.markSent),
		markRetry: lift(outbox.markRetry),
		markDead: lift(outbox.markDead),
		recover: lift(outbox.recover),
		release: lift(outbox.release),
		renewLease: lift(outbox.renewLease),
		retryNow: lift(outbox.retryNow),
		body: lift(submissions.body),
		async purge(now, deliveredBefore, undeliveredBefore) {
			const purged = transaction(() => {
				const delivered = submissions.purgeDelivered(now, deliveredBefore);
				outbox.expireUnsent(undeliveredBefore);
				const undelivered = submissions.purgeUndelivered(now, undeliveredBefore);
				feedback.forgetPurged();
				tokens.forgetExpired(now);
				outbox.forgetOldBudgets(now);
				bookings.forgetKeys(now);
				return { delivered, undelivered };
			});
			// The old pages (with the encrypted bodies) still sit in the WAL until it is checkpointed
			// and truncated; secure_delete has zeroed them in the database file itself.
			if (purged.delivered + purged.undelivered > 0) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
			return purged;
		},
		anyDead: lift(outbox.anyDead),
		health: lift(outbox.health),
		rateLimiter: (_name, limit, windowMs) => createRateLimiter(limit, windowMs),
		async ping() {
			db.prepare('SELECT 1').get();
		},
		office: officeStore(database, cases, submissions, outbox, feedback),
		officeSso: officeSsoStore(database),
		deadlines: officeDeadlinesTable(database, outbox),
		specialists: specialistStore(database, cases),
		async close() {
			database.close();
		},
	};
}
