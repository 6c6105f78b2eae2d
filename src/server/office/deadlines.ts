/**
 * A concern's deadlines: which apply (the country's file, or the operator's setting where the law
 * sets none), when each is due, when the office is reminded, and whether it is met. Working-day
 * deadlines end at the close of their last working day in the office's time zone and are
 * reminded at its start; hour deadlines run on the clock and are reminded when a quarter of the
 * time is left.
 */
import type { DeadlineKind, DeadlineSpan, Office, Site } from '../../lib/content-schemas.ts';
import type { DeadlineNoticeKind } from '../store/office-deadline-types.ts';
import type { CaseRow } from '../store/office-types.ts';
import { workingCalendar, type WorkingCalendar } from './working-days.ts';

/** A deadline as it runs: the operator's setting resolved to working days. */
export type DeadlineRule = { kind: DeadlineKind; within: Exclude<DeadlineSpan, 'operator'> };

export interface Deadline {
	kind: DeadlineKind;
	dueAt: number;
	remindAt: number;
	met: boolean;
}

const HOUR_MS = 3600 * 1000;

/** What a country's file says about deadlines (its sources aside). */
export interface CountryDeadlines {
	deadlines: readonly { kind: DeadlineKind; within: DeadlineSpan }[];
}

/** The deadlines of an office's concerns, in the order the country lists them. */
export function deadlineRules(
	office: Pick<Office, 'deadlines'>,
	country: CountryDeadlines | undefined,
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

/**
 * The moment to show as a deadline: one that ends at the office's midnight is shown as the last
 * minute of its last day ("31 December, 23:59"), which nobody misreads as a day too late.
 */
export function shownDueAt(dueAt: number, timeZone: string): number {
	const clock = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).format(dueAt);
	return clock === '00:00' ? dueAt - 60_000 : dueAt;
}

/** A concern in the inbox with its next open deadline. */
export interface InboxEntry<Row> {
	row: Row;
	next: Deadline | undefined;
	overdue: boolean;
}

export interface OfficeDeadlines {
	/** A concern's deadlines by its office's rules and calendar (none for an office no longer in content). */
	of(row: Pick<CaseRow, 'officeId' | 'receivedAt' | 'status' | 'acknowledgedAt'>): Deadline[];
	/**
	 * The inbox's order: urgent concerns first; within each, those with an open deadline by when
	 * it is due (overdue ones first), then the others, newest first.
	 */
	inbox<
		Row extends Pick<CaseRow, 'officeId' | 'receivedAt' | 'status' | 'acknowledgedAt' | 'urgent'>,
	>(rows: readonly Row[], now: number): InboxEntry<Row>[];
}

export interface DeadlineContent {
	site: Pick<Site, 'deadlines'>;
	offices: ReadonlyMap<
		string,
		Pick<Office, 'country' | 'holidayRegion' | 'timeZone' | 'deadlines'>
	>;
	countries: ReadonlyMap<string, CountryDeadlines>;
}

/**
 * Every office's rules and calendar, made once at start: an office whose `holidayRegion` the
 * holiday library does not know stops the start with the office's file named.
 */
export function createOfficeDeadlines(content: DeadlineContent): OfficeDeadlines {
	const byOffice = new Map(
		[...content.offices].map(([id, office]) => {
			try {
				const calendar = workingCalendar({
					country: office.country,
					region: office.holidayRegion,
					timeZone: office.timeZone,
				});
				const rules = deadlineRules(office, content.countries.get(office.country), content.site);
				return [id, { calendar, rules }] as const;
			} catch (error) {
				throw new Error(`content/offices/${id}.yaml: ${(error as Error).message}`);
			}
		}),
	);
	const of: OfficeDeadlines['of'] = (row) => {
		const office = byOffice.get(row.officeId);
		return office ? deadlinesOf(row, office.rules, office.calendar) : [];
	};
	return {
		of,
		inbox(rows, now) {
			const entries = rows.map((row) => {
				const next = nextDeadline(of(row));
				return { row, next, overdue: next !== undefined && now >= next.dueAt };
			});
			const INFINITE = Number.POSITIVE_INFINITY;
			return entries.sort(
				(a, b) =>
					Number(b.row.urgent) - Number(a.row.urgent) ||
					(a.next?.dueAt ?? INFINITE) - (b.next?.dueAt ?? INFINITE) ||
					b.row.receivedAt - a.row.receivedAt,
			);
		},
	};
}
