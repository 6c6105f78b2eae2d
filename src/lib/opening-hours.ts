import { WEEKDAYS, type WeeklyInterval, type Weekday } from './content-schemas.ts';

/** Weekly intervals regrouped per weekday, Monday first, each day's intervals in time order. */
export function groupIntervalsByDay(
	intervals: readonly WeeklyInterval[],
): { day: Weekday; intervals: { from: string; to: string }[] }[] {
	return WEEKDAYS.map((day) => ({
		day,
		intervals: intervals
			.filter((i) => i.days.includes(day))
			.map(({ from, to }) => ({ from, to }))
			.sort((a, b) => a.from.localeCompare(b.from)),
	})).filter((d) => d.intervals.length > 0);
}
