/**
 * The deadline check's part of the store: the concerns still open, and the reminders and
 * escalations queued for them, each once (`office_deadline_notices`, migration 0010; PostgreSQL 0004).
 * Implemented for SQLite in `office-deadlines.ts` and for PostgreSQL in
 * `postgres/pg-deadline-store.ts`.
 */
import type { DeadlineKind } from '../../lib/content-schemas.ts';
import type { CaseRow } from './office-types.ts';

/** Before a deadline, to the office; after it, to the office's admins. */
export type DeadlineNoticeKind = 'reminder' | 'escalation';
/** The outbox message of a notice: its kind names the deadline, so each is sent once per concern. */
export type DeadlineMessageKind = `deadline-${DeadlineKind}-${DeadlineNoticeKind}`;

export interface DeadlineNotice {
	submissionId: string;
	officeId: string;
	deadline: DeadlineKind;
	notice: DeadlineNoticeKind;
	dueAt: number;
	now: number;
}

export interface DeadlineStore {
	/**
	 * The concerns of every office that are not closed, a page at a time: at most `limit` whose
	 * submission id sorts after `after` ('' for the first page), in that order. Pages keep each
	 * read short, so the check over ten thousand open concerns never holds up a request for long.
	 */
	openCases(after: string, limit: number): Promise<CaseRow[]>;
	/** Records the notice and queues its e-mail, in one transaction; false when it was queued before. */
	queueNotice(notice: DeadlineNotice): Promise<boolean>;
	/** When the deadline of a queued notice is due (for its e-mail); undefined when none was queued. */
	noticeDueAt(
		submissionId: string,
		deadline: DeadlineKind,
		notice: DeadlineNoticeKind,
	): Promise<number | undefined>;
	/** The e-mail addresses of an office's admins, by address. */
	officeAdminEmails(officeId: string): Promise<string[]>;
}

export const deadlineMessageKind = (
	deadline: DeadlineKind,
	notice: DeadlineNoticeKind,
): DeadlineMessageKind => `deadline-${deadline}-${notice}`;

/** The deadline and notice of an outbox message's kind; undefined for any other message. */
export function parseDeadlineMessageKind(
	kind: string,
): { deadline: DeadlineKind; notice: DeadlineNoticeKind } | undefined {
	const match = /^deadline-(receipt|assessment)-(reminder|escalation)$/.exec(kind);
	return match
		? { deadline: match[1] as DeadlineKind, notice: match[2] as DeadlineNoticeKind }
		: undefined;
}
