/**
 * A concern's deadlines: which apply (the country's file, or the operator's setting where the law
 * sets none), when each is due, when the office is reminded, and whether it is met. Working-day
 * deadlines end at the close of their last working day in the office's time zone and are
 * reminded at its start; hour deadlines run on the clock and are reminded when a quarter of the
 * time is left.
 */
import type {
	Country,
	DeadlineKind,
	DeadlineSpan,
	Office,
	Site,
} from '../../lib/content-schemas.ts';
import type { CaseRow } from '../store/office-types.ts';
import type { WorkingCalendar } from './working-days.ts';

export type DeadlineNoticeKind = 'reminder' | 'escalation';

/** A deadline as it runs: the operator's setting resolved to working days. */
export type DeadlineRule = { kind: DeadlineKind; within: Exclude<DeadlineSpan, 'operator'> };

export interface Deadline {
	kind: DeadlineKind;
	dueAt: number;
	remindAt: number;
	met: boolean;
}

const HOUR_MS = 3600 * 1000;

/** The deadlines of an office's concerns, in the order the country lists them. */
export function deadlineRules(
	office: Pick<Office, 'deadlines'>,
	country: Pick<Country, 'deadlines'> | undefined,
	site: Pick<Site, 'deadlines'>,
): DeadlineRule[] {
	return (country?.deadlines ?? []).map(({ kind, within }) => ({
		kind,
		within:
			within === 'operator'
				? { workingDays: office.deadlines?.[kind] ?? site.deadlines[kind] }
				: within,
	}));
}

/** Whether the office did what the deadline asks: acknowledged it, or assessed it. */
export function isMet(kind: DeadlineKind, c: Pick<CaseRow, 'status' | 'acknowledgedAt'>): boolean {
	if (c.status === 'closed') return true;
	if (kind === 'receipt') return c.acknowledgedAt !== null;
	return c.status === 'in-assessment';
}

export function deadlinesOf(
	c: Pick<CaseRow, 'receivedAt' | 'status' | 'acknowledgedAt'>,
	rules: readonly DeadlineRule[],
	calendar: WorkingCalendar,
): Deadline[] {
	return rules.map(({ kind, within }) => {
		const met = isMet(kind, c);
		if ('hours' in within) {
			const dueAt = c.receivedAt + within.hours * HOUR_MS;
			return { kind, dueAt, remindAt: dueAt - (within.hours * HOUR_MS) / 4, met };
		}
		const lastDay = calendar.nthWorkingDayAfter(c.receivedAt, within.workingDays);
		return {
			kind,
			dueAt: calendar.startOf(calendar.nextDay(lastDay)),
			remindAt: calendar.startOf(lastDay),
			met,
		};
	});
}

/** The deadline the office should look at first: the earliest one not met; undefined when all are. */
export function nextDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
	return deadlines
		.filter((d) => !d.met)
		.reduce<Deadline | undefined>(
			(first, d) => (!first || d.dueAt < first.dueAt ? d : first),
			undefined,
		);
}

/** The notice a deadline calls for at `now`: a reminder before it is due, an escalation after. */
export function noticeDue(deadline: Deadline, now: number): DeadlineNoticeKind | undefined {
	if (deadline.met) return undefined;
	if (now >= deadline.dueAt) return 'escalation';
	if (now >= deadline.remindAt) return 'reminder';
	return undefined;
}
