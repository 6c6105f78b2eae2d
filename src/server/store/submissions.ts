/** Submissions: one row per concern or booking, its encrypted body and its reference. */
import type { NewSubmission } from '../store.ts';
import type { Database } from './database.ts';
import { newReference } from './reference.ts';

/**
 * A concern the office has neither closed nor exported keeps its body – the inbox is where it is
 * read – and after that until the retention period (`?2`) has passed since the first of the two.
 */
const KEPT_BY_OFFICE = `SELECT 1 FROM office_cases c WHERE c.submission_id = submissions.id
	AND NOT ((c.status = 'closed' AND c.status_changed_at < ?2) OR COALESCE(c.exported_at, ?2) < ?2)`;

export function submissionsTable({ db }: Database) {
	const q = {
		find: db.prepare('SELECT reference FROM submissions WHERE id = ?'),
		insert: db.prepare(
			`INSERT INTO submissions (id, kind, reference, office_id, locale, created_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT (reference) DO NOTHING`,
		),
		body: db.prepare('SELECT body FROM submissions WHERE id = ?'),
		officeOf: db.prepare('SELECT office_id AS officeId FROM submissions WHERE id = ?'),
		purgeDelivered: db.prepare(
			`UPDATE submissions SET body = NULL, purged_at = ?1 WHERE body IS NOT NULL
			 AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.submission_id = submissions.id AND (o.status <> 'sent' OR o.sent_at >= ?2))
			 AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = submissions.id AND b.status = 'booked' AND b.end_utc > ?1)
			 AND NOT EXISTS (${KEPT_BY_OFFICE})`,
		),
		purgeUndelivered: db.prepare(
			`UPDATE submissions SET body = NULL, purged_at = ?1 WHERE body IS NOT NULL AND created_at < ?2 AND NOT EXISTS (${KEPT_BY_OFFICE})`,
		),
	};
	return {
		/** The reference of a stored submission. */
		reference(id: string): string | undefined {
			return (q.find.get(id) as { reference: string } | undefined)?.reference;
		},
		/** Inserts under a fresh reference (drawing again on the one-in-a-trillion collision); the caller holds the transaction. */
		insert(s: NewSubmission): string {
			for (let attempt = 0; attempt < 5; attempt++) {
				const reference = newReference();
				if (
					Number(
						q.insert.run(s.id, s.kind, reference, s.officeId, s.locale, s.now, s.body).changes,
					) === 1
				)
					return reference;
			}
			throw new Error('no free reference after 5 draws');
		},
		body(id: string): Uint8Array | undefined {
			return (q.body.get(id) as { body: Uint8Array | null } | undefined)?.body ?? undefined;
		},
		officeOf(id: string): string | undefined {
			return (q.officeOf.get(id) as { officeId: string } | undefined)?.officeId;
		},
		/** Bodies whose every message was sent before `deliveredBefore` (a booking's only once it is over). */
		purgeDelivered(now: number, deliveredBefore: number): number {
			return Number(q.purgeDelivered.run(now, deliveredBefore).changes);
		},
		/** Bodies created before `undeliveredBefore`, whatever their state. */
		purgeUndelivered(now: number, undeliveredBefore: number): number {
			return Number(q.purgeUndelivered.run(now, undeliveredBefore).changes);
		},
	};
}
