/**
 * The deadline check's store on PostgreSQL: the same `DeadlineStore` as ../office-deadlines.ts of
 * the SQLite store, statement by statement, in PostgreSQL's dialect.
 */
import type { DeadlineStore } from '../office-deadline-types.ts';
import { deadlineMessageKind } from '../office-deadline-types.ts';
import type { CaseRow } from '../office-types.ts';
import type { PgDatabase } from './pg-database.ts';
import { CASE_COLUMNS, type OutboxParts } from './pg-office-store.ts';

export function pgDeadlineStore(
	{ query, writeTransaction }: PgDatabase,
	outbox: Pick<OutboxParts, 'queueOne'>,
): DeadlineStore {
	return {
		async openCases(after, limit) {
			// In the primary key's own collation, so each page is read through the key's index.
			const { rows } = await query<CaseRow>(
				`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id
				 WHERE c.submission_id > $1 AND c.status <> 'closed' ORDER BY c.submission_id LIMIT $2`,
				[after, limit],
			);
			return rows;
		},
		queueNotice(n) {
			// The primary key decides who queues it: a second instance's insert does nothing. The write
			// lock, as for every outbox insert: its turn is read from the rows before it.
			return writeTransaction(async (db) => {
				const recorded = await db.query(
					`INSERT INTO office_deadline_notices (submission_id, deadline, notice, due_at, queued_at) VALUES ($1, $2, $3, $4, $5)
					 ON CONFLICT (submission_id, deadline, notice) DO NOTHING`,
					[n.submissionId, n.deadline, n.notice, n.dueAt, n.now],
				);
				if ((recorded.rowCount ?? 0) !== 1) return false;
				await outbox.queueOne(
					db,
					n.submissionId,
					n.officeId,
					deadlineMessageKind(n.deadline, n.notice),
					n.now,
				);
				return true;
			});
		},
		async noticeDueAt(submissionId, deadline, notice) {
			const { rows } = await query<{ dueAt: number }>(
				'SELECT due_at AS "dueAt" FROM office_deadline_notices WHERE submission_id = $1 AND deadline = $2 AND notice = $3',
				[submissionId, deadline, notice],
			);
			return rows[0]?.dueAt;
		},
		async officeAdminEmails(officeId) {
			const { rows } = await query<{ email: string }>(
				`SELECT p.email FROM office_memberships m JOIN office_people p ON p.id = m.person_id
				 WHERE m.office_id = $1 AND m.role = 'office-admin' ORDER BY p.email`,
				[officeId],
			);
			return rows.map((r) => r.email);
		},
	};
}
