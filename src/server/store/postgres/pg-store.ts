/**
 * The store on PostgreSQL, for several instances against one database: the same `Store` as the
 * SQLite one (the contract tests in tests/unit/store.test.ts run against both), table by table
 * the same statements in PostgreSQL's dialect. What differs is said where it differs:
 * - operations that read and then write hold the one write lock (see pg-database.ts);
 * - the outbox is claimed with `FOR UPDATE SKIP LOCKED`, so instances claim different messages,
 *   and a claimed message is leased: a killed instance's messages are taken over when the lease
 *   runs out, never while another instance may still be sending them (so `recover()` at start
 *   takes back nothing at once here);
 * - rate limits are rows, so they hold across instances.
 */
import type { BookedSlot } from '../../../lib/slots.ts';
import type { RateDecision, RateLimiter } from '../../rate-limit.ts';
import type {
	Accepted,
	BookingRow,
	Health,
	MailBudget,
	MessageKind,
	NewSubmission,
	OutboxMessage,
	Store,
} from '../../store.ts';
import { newReference } from '../reference.ts';
import { openPgDatabase, type Queryable } from './pg-database.ts';
import { pgOfficeSso } from './pg-office-sso.ts';
import { pgDeadlineStore } from './pg-deadline-store.ts';
import { pgOfficeStore } from './pg-office-store.ts';
import { pgSpecialistStore } from './pg-specialists.ts';

const DAY_MS = 24 * 3600 * 1000;
const EVERYONE = '*';
const READY = 0;

/** The columns of a claimed message (camelCase needs quotes in PostgreSQL). */
const MESSAGE = `o.id, o.submission_id AS "submissionId", o.kind, o.attempts, s.reference, s.office_id AS "officeId", s.locale, o.lease_until AS "leaseUntil"`;

/** A concern the office still keeps (see submissions.ts of the SQLite store). */
const KEPT_BY_OFFICE = `SELECT 1 FROM office_cases c WHERE c.submission_id = submissions.id
	AND NOT ((c.status = 'closed' AND c.status_changed_at < $2) OR COALESCE(c.exported_at, $2) < $2)`;

const changed = (result: { rowCount: number | null }) => (result.rowCount ?? 0) > 0;

export async function openPostgresStore(url: string, poolSize?: number): Promise<Store> {
	const database = await openPgDatabase(url, poolSize);
	const { query, writeTransaction, transaction } = database;

	async function referenceOf(db: Queryable, id: string): Promise<string | undefined> {
		const { rows } = await db.query<{ reference: string }>(
			'SELECT reference FROM submissions WHERE id = $1',
			[id],
		);
		return rows[0]?.reference;
	}

	async function insertSubmission(db: Queryable, s: NewSubmission): Promise<string> {
		for (let attempt = 0; attempt < 5; attempt++) {
			const reference = newReference();
			const result = await db.query(
				`INSERT INTO submissions (id, kind, reference, office_id, locale, created_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
				 ON CONFLICT (reference) DO NOTHING`,
				[s.id, s.kind, reference, s.officeId, s.locale, s.now, Buffer.from(s.body)],
			);
			if (changed(result)) return reference;
		}
		throw new Error('no free reference after 5 draws');
	}

	async function useToken(db: Queryable, s: NewSubmission): Promise<boolean> {
		if (!s.token) return true;
		return changed(
			await db.query(
				'INSERT INTO used_tokens (hash, submission_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING',
				[s.token.hash, s.id, s.token.expiresAt],
			),
		);
	}

	async function takeBudget(db: Queryable, budget: MailBudget, day: number): Promise<boolean> {
		const { rows } = await db.query<{ recipient: string; queued: number }>(
			'SELECT recipient, queued FROM mail_budget WHERE recipient IN ($1, $2) AND day = $3',
			[budget.recipient, EVERYONE, day],
		);
		const used = (who: string) => rows.find((r) => r.recipient === who)?.queued ?? 0;
		if (used(budget.recipient) >= budget.perRecipient || used(EVERYONE) >= budget.total)
			return false;
		await db.query(
			`INSERT INTO mail_budget (recipient, day, queued) VALUES ($1, $3, 1), ($2, $3, 1)
			 ON CONFLICT (recipient, day) DO UPDATE SET queued = mail_budget.queued + 1`,
			[budget.recipient, EVERYONE, day],
		);
		return true;
	}

	/** A message's turn: after its office's last waiting one, never before the turn now served. */
	async function insertMessage(
		db: Queryable,
		submissionId: string,
		kind: MessageKind,
		now: number,
		priority: number,
		lane: string,
	): Promise<void> {
		await db.query(
			`INSERT INTO outbox (submission_id, kind, next_attempt_at, created_at, priority, lane, turn)
			 VALUES ($1, $2, $3, $3, $4, $5, GREATEST(
			   COALESCE((SELECT MAX(turn) + 1 FROM outbox WHERE lane = $5 AND status IN ('pending', 'sending')), 0),
			   COALESCE((SELECT MIN(turn) FROM outbox WHERE status = 'pending' AND priority = 0), 0)))`,
			[submissionId, kind, now, priority, lane],
		);
	}

	async function queue(db: Queryable, s: NewSubmission): Promise<MessageKind[]> {
		const heldBack: MessageKind[] = [];
		const day = Math.floor(s.now / DAY_MS);
		for (const kind of s.messages) {
			const budget = s.budget?.kinds.includes(kind) ? s.budget : undefined;
			if (budget && !(await takeBudget(db, budget, day))) {
				heldBack.push(kind);
				continue;
			}
			await insertMessage(db, s.id, kind, s.now, s.priority ?? 0, s.officeId);
		}
		return heldBack;
	}

	async function queueOne(
		db: Queryable,
		submissionId: string,
		officeId: string,
		kind: MessageKind,
		now: number,
		budget?: MailBudget,
	): Promise<boolean> {
		if (budget && !(await takeBudget(db, budget, Math.floor(now / DAY_MS)))) return false;
		await insertMessage(db, submissionId, kind, now, 0, officeId);
		return true;
	}

	const created = (reference: string, heldBack: MessageKind[]): Accepted => ({
		reference,
		created: true,
		...(heldBack.length > 0 ? { heldBack } : {}),
	});

	async function openCase(db: Queryable, s: NewSubmission): Promise<void> {
		await db.query(
			`INSERT INTO office_cases (submission_id, office_id, urgent, status, received_at, status_changed_at)
			 VALUES ($1, $2, $3, 'new', $4, $4) ON CONFLICT (submission_id) DO NOTHING`,
			[s.id, s.officeId, s.priority === 1 ? 1 : 0, s.now],
		);
	}

	async function claim(db: Queryable, now: number, limit: number, leaseMs: number) {
		// A dead instance's messages first: their lease has run out.
		const expired = await db.query<OutboxMessage>(
			`WITH chosen AS (SELECT id FROM outbox WHERE status = 'sending' AND lease_until <= $1
			   ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
			 UPDATE outbox o SET lease_until = $3 FROM chosen, submissions s
			 WHERE o.id = chosen.id AND s.id = o.submission_id RETURNING ${MESSAGE}`,
			[now, limit, now + leaseMs],
		);
		if (expired.rows.length > 0) return expired.rows.sort((a, b) => a.id - b.id);
		await db.query(
			`UPDATE outbox SET next_attempt_at = ${READY} WHERE status = 'pending' AND next_attempt_at > ${READY} AND next_attempt_at <= $1`,
			[now],
		);
		const next = await db.query<OutboxMessage & { priority: number; turn: number }>(
			`WITH chosen AS (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at = ${READY}
			   ORDER BY priority DESC, turn, id LIMIT $1 FOR UPDATE SKIP LOCKED)
			 UPDATE outbox o SET status = 'sending', lease_until = $2 FROM chosen, submissions s
			 WHERE o.id = chosen.id AND s.id = o.submission_id RETURNING ${MESSAGE}, o.priority, o.turn`,
			[limit, now + leaseMs],
		);
		return next.rows
			.sort((a, b) => b.priority - a.priority || a.turn - b.turn || a.id - b.id)
			.map(({ priority: _p, turn: _t, ...message }) => message);
	}

	const office = pgOfficeStore(database, { insertSubmission, queue, queueOne });

	return {
		accept(s) {
			return writeTransaction(async (db) => {
				const existing = await referenceOf(db, s.id);
				if (existing) return { reference: existing, created: false };
				if (!(await useToken(db, s))) return { replayed: true };
				const reference = await insertSubmission(db, s);
				if (s.kind === 'concern') await openCase(db, s);
				return created(reference, await queue(db, s));
			});
		},
		book(b) {
			return writeTransaction(async (db) => {
				const existing = await referenceOf(db, b.id);
				if (existing) return { reference: existing, created: false };
				const booked = await db.query(
					`SELECT 1 FROM bookings WHERE office_id = $1 AND specialist_id = $2 AND start_utc = $3 AND status = 'booked'`,
					[b.officeId, b.specialistId, b.start],
				);
				if (booked.rows.length > 0) return { taken: true };
				const { rows } = await db.query<{ email: number; client: number }>(
					`SELECT (SELECT COUNT(*) FROM bookings WHERE email_key = $1 AND status = 'booked' AND end_utc > $3) AS email,
					        (SELECT COUNT(*) FROM bookings WHERE client_key = $2 AND status = 'booked' AND end_utc > $3) AS client`,
					[b.limits.email, b.limits.client, b.now],
				);
				const active = rows[0]!;
				if (active.email >= b.limits.perEmail) return { limited: 'email' };
				if (active.client >= b.limits.perClient) return { limited: 'client' };
				const submission = { ...b, kind: 'booking' as const };
				if (!(await useToken(db, submission))) return { replayed: true };
				const reference = await insertSubmission(db, submission);
				// The unique index has the last word (it would fail the transaction, storing nothing).
				await db.query(
					`INSERT INTO bookings (id, office_id, specialist_id, start_utc, end_utc, mode, personal_data_findings, created_at, email_key, client_key)
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
					[
						b.id,
						b.officeId,
						b.specialistId,
						b.start,
						b.end,
						b.mode,
						JSON.stringify(b.personalDataFindings),
						b.now,
						b.limits.email,
						b.limits.client,
					],
				);
				return created(reference, await queue(db, submission));
			});
		},
		async bookedSlots(officeId, from, to) {
			const { rows } = await query<BookedSlot>(
				`SELECT specialist_id AS "specialistId", start_utc AS start, end_utc AS "end" FROM bookings
				 WHERE office_id = $1 AND status = 'booked' AND start_utc >= $2 AND start_utc < $3`,
				[officeId, from, to],
			);
			return rows;
		},
		async booking(id) {
			const { rows } = await query<BookingRow>(
				`SELECT b.id, s.reference, b.office_id AS "officeId", b.specialist_id AS "specialistId", b.start_utc AS start,
				        b.end_utc AS "end", b.mode, s.locale, b.status
				 FROM bookings b JOIN submissions s ON s.id = b.id WHERE b.id = $1`,
				[id],
			);
			return rows[0];
		},
		cancelBooking(id, now, professional) {
			return writeTransaction(async (db) => {
				const { rows } = await db.query<{ officeId: string }>(
					'SELECT s.office_id AS "officeId" FROM submissions s JOIN bookings b ON b.id = s.id WHERE s.id = $1',
					[id],
				);
				const officeId = rows[0]?.officeId;
				if (!officeId) return 'missing';
				const cancelled = await db.query(
					`UPDATE bookings SET status = 'cancelled', cancelled_at = $1 WHERE id = $2 AND status = 'booked'`,
					[now, id],
				);
				if (!changed(cancelled)) return 'already';
				await queueOne(db, id, officeId, 'booking-cancel-specialist', now);
				if (professional)
					await queueOne(db, id, officeId, 'booking-cancel-professional', now, professional);
				return 'cancelled';
			});
		},
		claimDue(now, limit, leaseMs) {
			return transaction((db) => claim(db, now, limit, leaseMs));
		},
		async markSent(id, now, providerId) {
			await query(
				`UPDATE outbox SET status = 'sent', sent_at = $1, provider_id = $2, attempts = attempts + 1, lease_until = NULL, last_error = NULL WHERE id = $3`,
				[now, providerId ?? null, id],
			);
		},
		async markRetry(id, nextAttemptAt, error) {
			await query(
				`UPDATE outbox SET status = 'pending', next_attempt_at = $1, attempts = attempts + 1, lease_until = NULL, last_error = $2 WHERE id = $3`,
				[nextAttemptAt, error, id],
			);
		},
		async markDead(id, error) {
			await query(
				`UPDATE outbox SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = $1 WHERE id = $2`,
				[error, id],
			);
		},
		// Another instance may be sending what looks interrupted: its lease decides (see claim).
		recover: async () => 0,
		async release(id, lease) {
			await query(
				`UPDATE outbox SET status = 'pending', lease_until = NULL WHERE id = $1 AND status = 'sending' AND lease_until = $2`,
				[id, lease],
			);
		},
		async renewLease(id, lease, until) {
			return changed(
				await query(
					`UPDATE outbox SET lease_until = $1 WHERE id = $2 AND status = 'sending' AND lease_until = $3`,
					[until, id, lease],
				),
			);
		},
		async retryNow(now) {
			const result = await query(
				`UPDATE outbox SET next_attempt_at = ${READY} WHERE status = 'pending' AND attempts > 0 AND next_attempt_at > $1`,
				[now],
			);
			return result.rowCount ?? 0;
		},
		async body(id) {
			const { rows } = await query<{ body: Buffer | null }>(
				'SELECT body FROM submissions WHERE id = $1',
				[id],
			);
			return rows[0]?.body ?? undefined;
		},
		purge(now, deliveredBefore, undeliveredBefore) {
			return writeTransaction(async (db) => {
				const delivered = await db.query(
					`UPDATE submissions SET body = NULL, purged_at = $1 WHERE body IS NOT NULL
					 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.submission_id = submissions.id AND (o.status <> 'sent' OR o.sent_at >= $2))
					 AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = submissions.id AND b.status = 'booked' AND b.end_utc > $1)
					 AND NOT EXISTS (${KEPT_BY_OFFICE})`,
					[now, deliveredBefore],
				);
				await db.query(
					`UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = 'expired: not delivered within the retention period'
					 WHERE status IN ('pending', 'sending') AND submission_id IN (SELECT id FROM submissions WHERE body IS NOT NULL AND created_at < $1)`,
					[undeliveredBefore],
				);
				const undelivered = await db.query(
					`UPDATE submissions SET body = NULL, purged_at = $1 WHERE body IS NOT NULL AND created_at < $2 AND NOT EXISTS (${KEPT_BY_OFFICE})`,
					[now, undeliveredBefore],
				);
				// Retention: the feedback's choice goes with the concern's body.
				await db.query(
					`UPDATE office_feedback SET body = NULL WHERE body IS NOT NULL
					 AND submission_id IN (SELECT id FROM submissions WHERE body IS NULL)`,
				);
				await db.query('DELETE FROM used_tokens WHERE expires_at < $1', [now]);
				await db.query('DELETE FROM mail_budget WHERE day < $1', [Math.floor(now / DAY_MS) - 1]);
				await db.query(
					`UPDATE bookings SET email_key = NULL, client_key = NULL WHERE email_key IS NOT NULL AND (status = 'cancelled' OR end_utc <= $1)`,
					[now],
				);
				return { delivered: delivered.rowCount ?? 0, undelivered: undelivered.rowCount ?? 0 };
			});
		},
		async anyDead() {
			const { rows } = await query<{ dead: boolean }>(
				`SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'dead') AS dead`,
			);
			return rows[0]?.dead === true;
		},
		async health(now) {
			const { rows } = await query<{
				pending: number;
				oldest: number | null;
				dead: number;
				sent: number;
			}>(
				`SELECT COUNT(*) FILTER (WHERE status IN ('pending', 'sending')) AS pending,
				        MIN(created_at) FILTER (WHERE status IN ('pending', 'sending')) AS oldest,
				        COUNT(*) FILTER (WHERE status = 'dead') AS dead,
				        COUNT(*) FILTER (WHERE status = 'sent') AS sent
				 FROM outbox`,
			);
			const row = rows[0]!;
			return {
				pending: row.pending,
				oldestPendingMs: row.oldest === null ? null : Math.max(0, now - row.oldest),
				dead: row.dead,
				sent: row.sent,
			} satisfies Health;
		},
		rateLimiter(name, limit, windowMs) {
			return pgRateLimiter(transaction, query, name, limit, windowMs);
		},
		async ping() {
			await query('SELECT 1');
		},
		office,
		officeSso: pgOfficeSso(database),
		deadlines: pgDeadlineStore(database, { queueOne }),
		specialists: pgSpecialistStore(database),
		close: () => database.close(),
	};
}

/**
 * A sliding-window limit in rows, shared by every instance: at most `limit` hits per key in any
 * `windowMs`. Keys arrive already pseudonymised by the caller when they name a person.
 */
function pgRateLimiter(
	transaction: (work: (db: Queryable) => Promise<RateDecision>) => Promise<RateDecision>,
	query: (sql: string, params: unknown[]) => Promise<unknown>,
	name: string,
	limit: number,
	windowMs: number,
): RateLimiter {
	return {
		async take(key, now = Date.now()) {
			if (limit <= 0) return { ok: true };
			return transaction(async (db) => {
				// One key's hits are counted one request at a time, on whichever instance.
				await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${name}:${key}`]);
				const { rows } = await db.query<{ hits: number; first: number | null }>(
					'SELECT COUNT(*) AS hits, MIN(at) AS first FROM rate_hits WHERE limiter = $1 AND key = $2 AND at > $3',
					[name, key, now - windowMs],
				);
				const { hits, first } = rows[0]!;
				if (hits >= limit)
					return {
						ok: false,
						retryAfterSeconds: Math.max(1, Math.ceil(((first ?? now) + windowMs - now) / 1000)),
					};
				await db.query('INSERT INTO rate_hits (limiter, key, at) VALUES ($1, $2, $3)', [
					name,
					key,
					now,
				]);
				return { ok: true };
			});
		},
		async sweep(now = Date.now()) {
			await query('DELETE FROM rate_hits WHERE limiter = $1 AND at <= $2', [name, now - windowMs]);
		},
	};
}
