/**
 * The outbox: e-mails to send, each leased while it is being sent, retried, or given up (dead).
 * Order: messages whose sender's lease ran out (a crash) first, then urgent ones, then by turn –
 * a message's place in a round robin over the offices, so one office's backlog never holds up
 * another's. Messages to professionals count against a daily budget per recipient and for the
 * whole site; past it they are not queued (the offices' copies are never budgeted).
 *
 * Claiming costs the same with ten or ten thousand messages waiting (a provider outage): a
 * pending message waits by time (`next_attempt_at`, index `outbox_due`) until it is due, is then
 * moved once into the ready queue (`next_attempt_at = READY`), and the next message is the first
 * entry of the ready queue's index (`outbox_ready`) – never a sort of everything due.
 */
import type { Health, MailBudget, MessageKind, NewSubmission, OutboxMessage } from '../store.ts';
import type { Database } from './database.ts';

const DAY_MS = 24 * 3600 * 1000;
/** The budget row that counts the whole site's mail to professionals. */
const EVERYONE = '*';
const COLUMNS = `o.id, o.submission_id AS submissionId, o.kind, o.attempts, s.reference, s.office_id AS officeId, s.locale`;
/** `next_attempt_at` of a pending message that is due and waits only for its turn. */
const READY = 0;

/** The statements a claim runs, each through an index (the store test checks their query plans). */
export const CLAIM_SQL = {
	/** Pending messages whose time has come join the ready queue. */
	ready: `UPDATE outbox SET next_attempt_at = ${READY} WHERE status = 'pending' AND next_attempt_at > ${READY} AND next_attempt_at <= ?1`,
	// INDEXED BY: outbox_next would give the same order, but would step over every message waiting for a retry.
	next: `SELECT ${COLUMNS} FROM outbox o INDEXED BY outbox_ready JOIN submissions s ON s.id = o.submission_id
	       WHERE o.status = 'pending' AND o.next_attempt_at = ${READY} ORDER BY o.priority DESC, o.turn, o.id LIMIT ?1`,
	leaseExpired: `SELECT ${COLUMNS} FROM outbox o JOIN submissions s ON s.id = o.submission_id
	       WHERE o.status = 'sending' AND o.lease_until <= ?1 ORDER BY o.id LIMIT ?2`,
};

export function outboxTable({ db }: Database) {
	const q = {
		// A message's turn: after its office's last waiting message, and never before the turn now served.
		insert: db.prepare(
			`INSERT INTO outbox (submission_id, kind, next_attempt_at, created_at, priority, lane, turn)
			 VALUES (?1, ?2, ?3, ?3, ?4, ?5, MAX(
			   COALESCE((SELECT MAX(turn) + 1 FROM outbox WHERE lane = ?5 AND status IN ('pending', 'sending')), 0),
			   COALESCE((SELECT MIN(turn) FROM outbox WHERE status = 'pending' AND priority = 0), 0)))`,
		),
		budgetUsed: db.prepare('SELECT queued FROM mail_budget WHERE recipient = ? AND day = ?'),
		budgetTake: db.prepare(
			`INSERT INTO mail_budget (recipient, day, queued) VALUES (?, ?, 1) ON CONFLICT (recipient, day) DO UPDATE SET queued = queued + 1`,
		),
		forgetBudgets: db.prepare('DELETE FROM mail_budget WHERE day < ?'),
		ready: db.prepare(CLAIM_SQL.ready),
		next: db.prepare(CLAIM_SQL.next),
		leaseExpired: db.prepare(CLAIM_SQL.leaseExpired),
		lease: db.prepare(`UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?`),
		sent: db.prepare(
			`UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, attempts = attempts + 1, lease_until = NULL, last_error = NULL WHERE id = ?`,
		),
		retry: db.prepare(
			`UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ?`,
		),
		dead: db.prepare(
			`UPDATE outbox SET status = 'dead', attempts = attempts + 1, lease_until = NULL, last_error = ? WHERE id = ?`,
		),
		recover: db.prepare(
			`UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'sending'`,
		),
		release: db.prepare(
			`UPDATE outbox SET status = 'pending', lease_until = NULL WHERE id = ? AND status = 'sending' AND lease_until = ?`,
		),
		renew: db.prepare(
			`UPDATE outbox SET lease_until = ? WHERE id = ? AND status = 'sending' AND lease_until = ?`,
		),
		retryNow: db.prepare(
			`UPDATE outbox SET next_attempt_at = ${READY} WHERE status = 'pending' AND attempts > 0 AND next_attempt_at > ?1`,
		),
		expireUnsent: db.prepare(
			`UPDATE outbox SET status = 'dead', lease_until = NULL, last_error = 'expired: not delivered within the retention period'
			 WHERE status IN ('pending', 'sending') AND submission_id IN (SELECT id FROM submissions WHERE body IS NOT NULL AND created_at < ?)`,
		),
		anyDead: db.prepare(`SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'dead') AS dead`),
		health: db.prepare(
			`SELECT
				SUM(status IN ('pending', 'sending')) AS pending,
				MIN(CASE WHEN status IN ('pending', 'sending') THEN created_at END) AS oldest,
				SUM(status = 'dead') AS dead,
				SUM(status = 'sent') AS sent
			 FROM outbox`,
		),
	};
	const budgetUsed = (recipient: string, day: number) =>
		(q.budgetUsed.get(recipient, day) as { queued: number } | undefined)?.queued ?? 0;
	/** Counts one message against the recipient's and the site's budget of the day; false when either is used up. */
	function takeBudget(budget: MailBudget, day: number): boolean {
		if (
			budgetUsed(budget.recipient, day) >= budget.perRecipient ||
			budgetUsed(EVERYONE, day) >= budget.total
		)
			return false;
		q.budgetTake.run(budget.recipient, day);
		q.budgetTake.run(EVERYONE, day);
		return true;
	}

	return {
		/** Queues a submission's messages, as far as the mail budget allows; returns those held back. The caller holds the transaction. */
		queue(s: NewSubmission): MessageKind[] {
			const heldBack: MessageKind[] = [];
			const day = Math.floor(s.now / DAY_MS);
			for (const kind of s.messages) {
				const budget = s.budget?.kinds.includes(kind) ? s.budget : undefined;
				if (budget && !takeBudget(budget, day)) {
					heldBack.push(kind);
					continue;
				}
				q.insert.run(s.id, kind, s.now, s.priority ?? 0, s.officeId);
			}
			return heldBack;
		},
		/**
		 * One more message for a stored submission (a cancellation notice), within `budget` if it
		 * has one; false when the budget held it back. The caller holds the transaction.
		 */
		queueOne(
			submissionId: string,
			officeId: string,
			kind: MessageKind,
			now: number,
			budget?: MailBudget,
		): boolean {
			if (budget && !takeBudget(budget, Math.floor(now / DAY_MS))) return false;
			q.insert.run(submissionId, kind, now, 0, officeId);
			return true;
		},
		/** The caller holds the transaction. */
		claimDue(now: number, limit: number, leaseMs: number): OutboxMessage[] {
			const expired = q.leaseExpired.all(now, limit) as unknown as OutboxMessage[];
			if (expired.length === 0) q.ready.run(now);
			const rows = expired.length > 0 ? expired : (q.next.all(limit) as unknown as OutboxMessage[]);
			for (const row of rows) q.lease.run(now + leaseMs, row.id);
			return rows.map((r) => ({ ...r, leaseUntil: now + leaseMs }));
		},
		markSent(id: number, now: number, providerId: string | undefined): void {
			q.sent.run(now, providerId ?? null, id);
		},
		markRetry(id: number, nextAttemptAt: number, error: string): void {
			q.retry.run(nextAttemptAt, error, id);
		},
		markDead(id: number, error: string): void {
			q.dead.run(error, id);
		},
		recover(): number {
			return Number(q.recover.run().changes);
		},
		release(id: number, lease: number): void {
			q.release.run(id, lease);
		},
		renewLease(id: number, lease: number, until: number): boolean {
			return Number(q.renew.run(until, id, lease).changes) === 1;
		},
		retryNow(now: number): number {
			return Number(q.retryNow.run(now).changes);
		},
		/** Gives up the unsent messages of submissions created before `before`; the caller holds the transaction. */
		expireUnsent(before: number): void {
			q.expireUnsent.run(before);
		},
		forgetOldBudgets(now: number): void {
			q.forgetBudgets.run(Math.floor(now / DAY_MS) - 1);
		},
		anyDead(): boolean {
			return (q.anyDead.get() as { dead: number }).dead === 1;
		},
		health(now: number): Health {
			const row = q.health.get() as {
				pending: number | null;
				oldest: number | null;
				dead: number | null;
				sent: number | null;
			};
			return {
				pending: row.pending ?? 0,
				oldestPendingMs: row.oldest === null ? null : Math.max(0, now - row.oldest),
				dead: row.dead ?? 0,
				sent: row.sent ?? 0,
			};
		},
	};
}
