/**
 * An office's working days: Monday to Friday, except the public holidays of its country (and
 * region, e.g. a German state) as the `date-holidays` library knows them, in the office's time
 * zone. Only holidays of the type "public" count: days that are holidays for banks or by custom
 * only (e.g. 24 December in Denmark and Germany) are working days here.
 */
import Holidays from 'date-holidays';

/** A calendar day in the office's time zone, "YYYY-MM-DD". */
export type LocalDay = string;

export interface WorkingCalendar {
	/** The calendar day an instant falls on in the office's time zone. */
	dayOf(instant: number): LocalDay;
	/** The instant the day begins (local midnight; correct across daylight saving changes). */
	startOf(day: LocalDay): number;
	isWorkingDay(day: LocalDay): boolean;
	/**
	 * The `n`-th working day after the day `from` falls on: the day of arrival itself never
	 * counts, as in the counting of legal time limits.
	 */
	nthWorkingDayAfter(from: number, n: number): LocalDay;
	/** The day after `day`. */
	nextDay(day: LocalDay): LocalDay;
}

export interface OfficePlace {
	country: string;
	/** ISO 3166-2 subdivision without the country ("BY"); undefined: nationwide holidays only. */
	region?: string | undefined;
	timeZone: string;
}

const DAY_MS = 24 * 3600 * 1000;
const QUARTER_HOUR = 15 * 60_000;
/** Enough for years of concerns' days; past it a cache starts again rather than grow without end. */
const REMEMBERED = 50_000;

function remember<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
	const known = cache.get(key);
	if (known !== undefined) return known;
	if (cache.size >= REMEMBERED) cache.clear();
	const value = compute();
	cache.set(key, value);
	return value;
}
const WEEKEND = new Set([0, 6]);

/** Refuses a region the holiday library does not know, naming it: a typo would silently drop the region's holidays. */
export function checkHolidayRegion(place: OfficePlace): void {
	if (place.region === undefined) return;
	const regions = new Holidays().getStates(place.country) ?? {};
	if (!(place.region in regions))
		throw new Error(
			`holidayRegion "${place.region}" is not a region of ${place.country}; known: ${Object.keys(regions).join(', ')}`,
		);
}

export function workingCalendar(place: OfficePlace): WorkingCalendar {
	checkHolidayRegion(place);
	const holidays = place.region
		? new Holidays(place.country, place.region)
		: new Holidays(place.country);
	const publicHolidays = new Map<number, Set<LocalDay>>();
	const holidaysOf = (year: number) => {
		let days = publicHolidays.get(year);
		if (!days) {
			// `date` is the holiday's start in the country's own time: "YYYY-MM-DD hh:mm:ss".
			days = new Set(
				holidays
					.getHolidays(year)
					.filter((h) => h.type === 'public')
					.map((h) => h.date.slice(0, 10)),
			);
			publicHolidays.set(year, days);
		}
		return days;
	};
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: place.timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	});
	/** The office's wall clock at `instant`, read as if it were UTC. */
	const wallClock = (instant: number) => {
		const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
		return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
	};
	// Reading the wall clock costs microseconds and a check reads it for every open concern every
	// minute, so the answers are kept (a few entries per day; forgotten past a bound).
	const offsets = new Map<number, number>();
	const starts = new Map<LocalDay, number>();
	const counted = new Map<string, LocalDay>();
	/** UTC offsets are multiples of 15 minutes and change at whole local minutes: constant within a UTC quarter hour. */
	const offsetAt = (instant: number) => {
		const quarter = Math.floor(instant / QUARTER_HOUR);
		return remember(
			offsets,
			quarter,
			() => wallClock(quarter * QUARTER_HOUR) - quarter * QUARTER_HOUR,
		);
	};
	const dayOf = (instant: number): LocalDay =>
		new Date(instant + offsetAt(instant)).toISOString().slice(0, 10);
	const nextDay = (day: LocalDay): LocalDay =>
		new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
	const isWorkingDay = (day: LocalDay) =>
		!WEEKEND.has(new Date(day).getUTCDay()) && !holidaysOf(Number(day.slice(0, 4))).has(day);

	return {
		dayOf,
		startOf: (day) =>
			remember(starts, day, () => {
				const midnight = Date.parse(day);
				// The offset at local midnight may differ from the one at UTC midnight (a DST change that day).
				return midnight - offsetAt(midnight - offsetAt(midnight));
			}),
		isWorkingDay,
		nextDay,
		nthWorkingDayAfter: (from, n) =>
			remember(counted, `${dayOf(from)}+${n}`, () => {
				let day = dayOf(from);
				for (let found = 0; found < n; ) {
					day = nextDay(day);
					if (isWorkingDay(day)) found++;
				}
				return day;
			}),
	};
}
