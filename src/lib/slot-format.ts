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
	/**
	 * e.g. "Central European Standard Time, Europe/Berlin": standard and summer time read
	 * differently. No parentheses of its own: pages and e-mails put it in parentheses.
	 */
	zone: string;
}

// Building a formatter costs far more than using one, and a slot list formats dozens of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
	locale: Locale,
	timeZone: string,
	kind: 'date' | 'clock' | 'zone',
): Intl.DateTimeFormat {
	const key = `${locale} ${timeZone} ${kind}`;
	let format = formatters.get(key);
	if (!format) {
		const options: Intl.DateTimeFormatOptions =
			kind === 'date'
				? { dateStyle: 'full' }
				: kind === 'clock'
					? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
					: { timeZoneName: 'long' };
		format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
		formatters.set(key, format);
	}
	return format;
}

export function formatSlot(start: number, end: number, locale: Locale, timeZone: string): SlotText {
	const clock = formatter(locale, timeZone, 'clock');
	const name = formatter(locale, timeZone, 'zone')
		.formatToParts(start)
		.find((p) => p.type === 'timeZoneName')?.value;
	return {
		date: formatter(locale, timeZone, 'date').format(start),
		time: `${clock.format(start)}–${clock.format(end)}`,
		start: clock.format(start),
		zone: name ? `${name}, ${timeZone}` : timeZone,
	};
}
