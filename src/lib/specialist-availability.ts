/**
 * A specialist's availability as the slot list sees it: content's weekly hours and absences (the
 * initial data), with what the specialist changed in the office workspace on top – a weekly
 * availability of their own replaces content's, and their absences add to content's. Also the
 * reading of the workspace's forms (times per weekday, an absence's dates), so the rules live in
 * one place. Pure: the slot computation (`slots.ts`) turns the result into instants.
 */
import { WEEKDAYS, type Specialist, type WeeklyInterval, type Weekday } from './content-schemas.ts';
import { wallTimeAt } from './slots.ts';

export interface Absence {
	/** First and last day off, inclusive, "YYYY-MM-DD" in the office's time zone. */
	from: string;
	to: string;
}

export interface SpecialistChanges {
	/** Weekly availability set in the workspace, by specialist id: replaces content's. */
	weeks: ReadonlyMap<string, readonly WeeklyInterval[]>;
	/** Absences set in the workspace: added to content's. */
	absences: readonly (Absence & { specialistId: string })[];
}

type Availability = Pick<Specialist, 'id' | 'availability' | 'absences'>;

/** The specialists with the workspace's changes applied. */
export function withChanges<S extends Availability>(
	specialists: readonly S[],
	changes: SpecialistChanges,
): S[] {
	return specialists.map((s) => ({
		...s,
		availability: [...(changes.weeks.get(s.id) ?? s.availability)],
		absences: [
			...s.absences,
			...changes.absences
				.filter((a) => a.specialistId === s.id)
				.map(({ from, to }) => ({ from, to })),
		],
	}));
}

/** The day an instant falls on in a time zone, "YYYY-MM-DD". */
export function dayOf(instant: number, timeZone: string): string {
	const w = wallTimeAt(instant, timeZone);
	return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Whether an instant falls on a day of one of the absences. */
export function inAbsence(
	instant: number,
	timeZone: string,
	absences: readonly Absence[],
): boolean {
	const day = dayOf(instant, timeZone);
	return absences.some((a) => a.from <= day && day <= a.to);
}

/* ------------------------------------------------------------- weekly hours form */

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** At most this many blocks of time on one weekday. */
export const MAX_BLOCKS_PER_DAY = 6;

export type TimesError = 'times' | 'order' | 'overlap' | 'tooMany' | 'short';

/**
 * One weekday's hours as typed: blocks "09:00-12:00", separated by commas or semicolons; an
 * en dash or "–" works as the hyphen, "9:00" as "09:00"; empty means no hours that day.
 */
export function parseDayTimes(
	text: string,
): { ok: true; blocks: { from: string; to: string }[] } | { ok: false; error: TimesError } {
	const parts = text
		.split(/[,;]/)
		.map((p) => p.trim())
		.filter((p) => p !== '');
	if (parts.length > MAX_BLOCKS_PER_DAY) return { ok: false, error: 'tooMany' };
	const blocks: { from: string; to: string }[] = [];
	for (const part of parts) {
		const match = /^(\d{1,2}):([0-5]\d)\s*[-–—]\s*(\d{1,2}):([0-5]\d)$/.exec(part);
		if (!match) return { ok: false, error: 'times' };
		const [, fh, fm, th, tm] = match as unknown as [string, string, string, string, string];
		// 24:00 is no time of day here: a block ends by 23:59.
		if (Number(fh) > 23 || Number(th) > 23) return { ok: false, error: 'times' };
		const from = `${fh.padStart(2, '0')}:${fm}`;
		const to = `${th.padStart(2, '0')}:${tm}`;
		if (from >= to) return { ok: false, error: 'order' };
		blocks.push({ from, to });
	}
	blocks.sort((a, b) => a.from.localeCompare(b.from));
	if (blocks.some((b, i) => i > 0 && b.from < blocks[i - 1]!.to))
		return { ok: false, error: 'overlap' };
	return { ok: true, blocks };
}

/** A weekday's hours as the form shows them: "09:00-12:00, 14:00-17:00". */
export function formatDayTimes(availability: readonly WeeklyInterval[], day: Weekday): string {
	return availability
		.filter((i) => i.days.includes(day))
		.map((i) => `${i.from}-${i.to}`)
		.sort()
		.join(', ');
}

/**
 * The week from the form's fields (`day-mon` … `day-sun`): the intervals, or each refused
 * weekday's error. A block shorter than one consultation (`slotMinutes`) would offer nothing.
 */
export function weekFromForm(
	form: Readonly<Record<string, string>>,
	slotMinutes: number,
):
	| { ok: true; week: WeeklyInterval[] }
	| { ok: false; errors: Partial<Record<Weekday, TimesError>> } {
	const week: WeeklyInterval[] = [];
	const errors: Partial<Record<Weekday, TimesError>> = {};
	for (const day of WEEKDAYS) {
		const parsed = parseDayTimes(form[`day-${day}`] ?? '');
		if (!parsed.ok) errors[day] = parsed.error;
		else if (parsed.blocks.some((b) => minutesOf(b.to) - minutesOf(b.from) < slotMinutes))
			errors[day] = 'short';
		else week.push(...parsed.blocks.map((b) => ({ days: [day], ...b })));
	}
	return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, week };
}

/* ---------------------------------------------------------------- absence form */

/** An absence reaches at most this many days ahead (a mistyped year would empty a year of slots). */
export const ABSENCE_MAX_DAYS = 366;

export type AbsenceError = 'date' | 'past' | 'order' | 'tooLong';

const DAY_MS = 24 * 3600 * 1000;
/** A real calendar day "YYYY-MM-DD" (not 2027-02-30). */
function isIsoDay(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const at = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value);
}
const dayNumber = (value: string) => Date.parse(`${value}T00:00:00Z`) / DAY_MS;

/** An absence from the form's `from` and `to` (dates "YYYY-MM-DD"); `today` in the office's time zone. */
export function absenceFromForm(
	from: string,
	to: string,
	today: string,
):
	| { ok: true; absence: Absence }
	| { ok: false; errors: Partial<Record<keyof Absence, AbsenceError>> } {
	const errors: Partial<Record<keyof Absence, AbsenceError>> = {};
	const validFrom = isIsoDay(from);
	const validTo = isIsoDay(to);
	if (!validFrom) errors.from = 'date';
	if (!validTo) errors.to = 'date';
	else if (to < today) errors.to = 'past';
	else if (validFrom && to < from) errors.to = 'order';
	else if (dayNumber(to) - dayNumber(validFrom && from > today ? from : today) >= ABSENCE_MAX_DAYS)
		errors.to = 'tooLong';
	return Object.keys(errors).length > 0
		? { ok: false, errors }
		: { ok: true, absence: { from, to } };
}
