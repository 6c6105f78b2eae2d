/**
 * How a slot reads to people: date and time in the office's time zone, in the reader's
 * language, with the zone named (a professional may be in another zone, or it may be the week
 * the clocks change).
 */
import type { Locale } from './locales.ts';

export interface SlotText {
	/** e.g. "Monday, 30 November 2026" */
	date: string;
	/** e.g. "09:00–09:45" */
	time: string;
	/** e.g. "09:00" */
	start: string;
	/** e.g. "Central European Standard Time (Europe/Berlin)": standard and summer time read differently. */
	zone: string;
}

export function formatSlot(start: number, end: number, locale: Locale, timeZone: string): SlotText {
	const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }).format(start);
	const clock = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
		.formatToParts(start)
		.find((p) => p.type === 'timeZoneName')?.value;
	return {
		date,
		time: `${clock.format(start)}–${clock.format(end)}`,
		start: clock.format(start),
		zone: name ? `${name} (${timeZone})` : timeZone,
	};
}
