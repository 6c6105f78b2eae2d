/** The office's handling of each concern (urgency, status) and the append-only audit log. */
import { randomUUID } from 'node:crypto';
import type { NewSubmission } from '../store.ts';
import type { Database } from './database.ts';
import type { AuditEntry, CaseRow, CaseStatus } from './office-types.ts';

/** The columns of a `CaseRow`, from `office_cases c` joined with `submissions s`. */
export const CASE_COLUMNS = `c.submission_id AS submissionId, s.reference, c.office_id AS officeId, s.locale, c.urgent, c.status,
	c.received_at AS receivedAt, c.acknowledged_at AS acknowledgedAt, c.status_changed_at AS statusChangedAt, c.exported_at AS exportedAt`;

/** `?, ?, …` for a list: prepared per call, since SQLite and PostgreSQL bind arrays differently. */
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function officeCasesTable({ db }: Database) {
	const q = {
		open: db.prepare(
			`INSERT INTO office_cases (submission_id, office_id, urgent, status, received_at, status_changed_at) VALUES (?, ?, ?, 'new', ?, ?)
			 ON CONFLICT (submission_id) DO NOTHING`,
		),
		find: db.prepare(
			`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id WHERE s.reference = ?1 OR c.submission_id = ?1`,
		),
		acknowledge: db.prepare(
			`UPDATE office_cases SET status = 'acknowledged', acknowledged_at = ?1, status_changed_at = ?1 WHERE submission_id = ?2 AND status = 'new'`,
		),
		setStatus: db.prepare(
			`UPDATE office_cases SET status = ?1, status_changed_at = ?2 WHERE submission_id = ?3 AND status <> ?1`,
		),
		exported: db.prepare(
			'UPDATE office_cases SET exported_at = COALESCE(exported_at, ?) WHERE submission_id = ?',
		),
		audit: db.prepare(
			'INSERT INTO office_audit (id, at, person_id, office_id, action, reference, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
		),
	};
	const caseRow = (row: Record<string, unknown>): CaseRow => ({
		...(row as unknown as CaseRow),
		urgent: row['urgent'] === 1,
	});
	return {
		/** Opens the office's case for a concern just accepted; the caller holds the transaction. */
		open(s: NewSubmission): void {
			q.open.run(s.id, s.officeId, s.priority === 1 ? 1 : 0, s.now, s.now);
		},
		inbox(officeIds: readonly string[]): CaseRow[] {
			if (officeIds.length === 0) return [];
			const rows = db
				.prepare(
					`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id
					 WHERE c.office_id IN (${placeholders(officeIds.length)}) ORDER BY c.urgent DESC, c.received_at DESC`,
				)
				.all(...officeIds);
			return rows.map(caseRow);
		},
		find(key: string): CaseRow | undefined {
			const row = q.find.get(key);
			return row ? caseRow(row) : undefined;
		},
		acknowledge: (submissionId: string, now: number) =>
			Number(q.acknowledge.run(now, submissionId).changes) === 1,
		setStatus: (submissionId: string, status: CaseStatus, now: number) =>
			Number(q.setStatus.run(status, now, submissionId).changes) === 1,
		/** The caller holds the transaction. */
		exported(submissionId: string, now: number): void {
			q.exported.run(now, submissionId);
		},
		audit(e: AuditEntry): void {
			q.audit.run(randomUUID(), e.at, e.personId, e.officeId, e.action, e.reference, e.detail);
		},
		auditLog(officeIds: readonly string[], limit: number): AuditEntry[] {
			if (officeIds.length === 0) return [];
			const rows = db
				.prepare(
					`SELECT at, person_id AS personId, office_id AS officeId, action, reference, detail FROM office_audit
					 WHERE office_id IN (${placeholders(officeIds.length)}) ORDER BY at DESC LIMIT ?`,
				)
				.all(...officeIds, limit);
			return rows.map((r) => ({ ...(r as unknown as AuditEntry) }));
		},
	};
}
