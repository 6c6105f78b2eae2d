/** The deadline check's queries (see office-deadline-types.ts) over `office_cases`, `office_memberships` and `office_deadline_notices`. */
import type { Database } from './database.ts';
import { lift } from './lift.ts';
import { CASE_COLUMNS } from './office-cases.ts';
import type { DeadlineKind } from '../../lib/content-schemas.ts';
import type { DeadlineNotice, DeadlineNoticeKind, DeadlineStore } from './office-deadline-types.ts';
import { deadlineMessageKind } from './office-deadline-types.ts';
import type { CaseRow } from './office-types.ts';
import type { outboxTable } from './outbox.ts';

export function officeDeadlinesTable(
	{ db, transaction }: Database,
	outbox: ReturnType<typeof outboxTable>,
): DeadlineStore {
	const q = {
		open: db.prepare(
			`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id
			 WHERE c.submission_id > ? AND c.status <> 'closed' ORDER BY c.submission_id LIMIT ?`,
		),
		record: db.prepare(
			`INSERT INTO office_deadline_notices (submission_id, deadline, notice, due_at, queued_at) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (submission_id, deadline, notice) DO NOTHING`,
		),
		dueAt: db.prepare(
			'SELECT due_at AS dueAt FROM office_deadline_notices WHERE submission_id = ? AND deadline = ? AND notice = ?',
		),
		admins: db.prepare(
			`SELECT p.email FROM office_memberships m JOIN office_people p ON p.id = m.person_id
			 WHERE m.office_id = ? AND m.role = 'office-admin' ORDER BY p.email`,
		),
	};
	return {
		openCases: lift((after: string, limit: number) =>
			q.open
				.all(after, limit)
				.map((row) => ({ ...(row as unknown as CaseRow), urgent: row['urgent'] === 1 })),
		),
		queueNotice: lift((n: DeadlineNotice) =>
			transaction(() => {
				const recorded = q.record.run(n.submissionId, n.deadline, n.notice, n.dueAt, n.now);
				if (Number(recorded.changes) !== 1) return false;
				outbox.queueOne(
					n.submissionId,
					n.officeId,
					deadlineMessageKind(n.deadline, n.notice),
					n.now,
				);
				return true;
			}),
		),
		noticeDueAt: lift(
			(submissionId: string, deadline: DeadlineKind, notice: DeadlineNoticeKind) =>
				(q.dueAt.get(submissionId, deadline, notice) as { dueAt: number } | undefined)?.dueAt,
		),
		officeAdminEmails: lift((officeId: string) =>
			q.admins.all(officeId).map((row) => String(row['email'])),
		),
	};
}
