/**
 * Consultation slots: the specialists' weekly availability (wall-clock times in the office's time
 * zone) turned into real instants, minus absences, booked slots, a minimum notice and beyond a
 * horizon. Pure and clock-free (the caller passes `now`), so it is tested for the weeks the
 * clocks change; runs in the browser too, so time zones come from `Intl`, not a library.
 */
import type { Specialist, Weekday } from './content-schemas.ts';

export interface Slot {
	specialistId: string;
	/** Start and end, ms since the epoch (UTC). */
	start: number;
	end: number;
	/** The day in the office's time zone, "YYYY-MM-DD": slots are listed by it. */
	date: string;
}

export interface BookedSlot {
	specialistId: string;
	start: number;
	end: number;
}

export interface SlotQuery {
	/** IANA time zone the availability is written in. */
	timeZone: string;
	specialists: readonly Pick<Specialist, 'id' | 'availability' | 'slotMinutes' | 'absences'>[];
	/** Slots already taken; a free slot must not overlap one of the same specialist. */
	booked: readonly BookedSlot[];
	now: number;
	/** Earliest start is `now + minNoticeMs`. */
	minNoticeMs: number;
	/** Latest start is before `now + horizonDays` days. */
	horizonDays: number;
}

const DAY_MS = 24 * 3600 * 1000;
const WEEKDAY_OF_UTC_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
		});
		formatters.set(timeZone, format);
	}
	return format;
}

/** The wall-clock time at an instant in a time zone. */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
	const parts = Object.fromEntries(
		wallClock(timeZone)
			.formatToParts(instant)
			.map((p) => [p.type, p.value]),
	);
	return {
		year: Number(parts['year']),
		month: Number(parts['month']),
		day: Number(parts['day']),
		hour: Number(parts['hour']),
		minute: Number(parts['minute']),
	};
}

const asUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/**
 * The instant a wall-clock time happens in a time zone. Undefined when it does not happen
 * (the hour skipped when clocks go forward); the earlier one when it happens twice (the hour
 * repeated when they go back).
 */
export function instantOf(wall: WallTime, timeZone: string): number | undefined {
	const target = asUtc(wall);
	// Offsets in use around that day; try the larger (earlier instant) first.
	const offsets = [target - DAY_MS, target + DAY_MS].map(
		(probe) => asUtc(wallTimeAt(probe, timeZone)) - probe,
	);
	const candidates = [...new Set(offsets)].sort((a, b) => b - a).map((offset) => target - offset);
	return candidates.find((instant) => asUtc(wallTimeAt(instant, timeZone)) === target);
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Free slots, earliest first (then by specialist). */
export function freeSlots(query: SlotQuery): Slot[] {
	const { timeZone, now } = query;
	const earliest = now + query.minNoticeMs;
	const latest = now + query.horizonDays * DAY_MS;
	const today = wallTimeAt(now, timeZone);
	const slots: Slot[] = [];

	// Calendar days are counted in UTC arithmetic on the local date: no clock change can skip one.
	for (let i = 0; i <= query.horizonDays; i++) {
		const day = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
		const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
		const iso = isoDay(year, month, date);
		const weekday = WEEKDAY_OF_UTC_DAY[day.getUTCDay()]!;

		for (const specialist of query.specialists) {
			if (specialist.absences.some((a) => a.from <= iso && iso <= a.to)) continue;
			const length = specialist.slotMinutes;
			for (const interval of specialist.availability) {
				if (!interval.days.includes(weekday)) continue;
				for (let m = minutesOf(interval.from); m + length <= minutesOf(interval.to); m += length) {
					const start = instantOf(
						{ year, month, day: date, hour: Math.floor(m / 60), minute: m % 60 },
						timeZone,
					);
					if (start === undefined || start < earliest || start >= latest) continue;
					const end = start + length * 60_000;
					const clash = query.booked.some(
						(b) => b.specialistId === specialist.id && b.start < end && start < b.end,
					);
					if (!clash) slots.push({ specialistId: specialist.id, start, end, date: iso });
				}
			}
		}
	}
	return slots.sort((a, b) => a.start - b.start || a.specialistId.localeCompare(b.specialistId));
}

/** The slots grouped by their day, days in order: the next free day first. */
export function slotsByDay(slots: readonly Slot[]): Slot[][] {
	const days = new Map<string, Slot[]>();
	for (const slot of [...slots].sort((a, b) => a.start - b.start))
		days.set(slot.date, [...(days.get(slot.date) ?? []), slot]);
	return [...days.keys()].sort().map((day) => days.get(day)!);
}

/** A slot as a form value: "<specialist id>@<ISO start>", e.g. "beispiel@2026-12-01T08:00:00.000Z". */
export function slotId(slot: Pick<Slot, 'specialistId' | 'start'>): string {
	return `${slot.specialistId}@${new Date(slot.start).toISOString()}`;
}

export function parseSlotId(value: string): { specialistId: string; start: number } | undefined {
	const match = /^([a-z0-9-]+)@(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(value);
	if (!match) return undefined;
	const start = Date.parse(match[2]!);
	return Number.isNaN(start) ? undefined : { specialistId: match[1]!, start };
}
