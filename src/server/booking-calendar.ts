/**
 * The calendar file of a booking (library `ics`). Neutral on purpose: the title says
 * "Consultation" and nothing about the case, since calendars are often shared.
 */
import { createEvent } from 'ics';
import type { Office, Specialist } from '../lib/content-schemas.ts';
import type { UiStrings } from '../lib/i18n.ts';
import { interpolate } from '../lib/interpolate.ts';

type Strings = UiStrings | Record<string, string>;
const text = (strings: Strings, key: string) => interpolate((strings as Record<string, string>)[key] ?? key, {});

/** Where the consultation takes place: the address and room, or the specialist's phone. */
export function consultationPlace(strings: Strings, mode: string, office: Office, specialist: Specialist): string {
	const how = text(strings, `mode.${mode}`);
	if (mode === 'in-person') {
		const room = specialist.room ? `, ${text(strings, 'contacts.room')} ${specialist.room}` : '';
		return `${how}: ${office.address.street}, ${office.address.postcode} ${office.address.city}${room}`;
	}
	return `${how}: ${specialist.name}, ${specialist.phone}`;
}

export interface BookingFacts {
	id: string;
	reference: string;
	start: number;
	end: number;
	mode: string;
}

export function bookingCalendarFor(booking: BookingFacts, office: Office, specialist: Specialist, strings: Strings, siteUrl: string): string {
	const { error, value } = createEvent({
		uid: `${booking.id}@${new URL(siteUrl).hostname}`,
		title: text(strings, 'booking.ics.title'),
		start: booking.start,
		end: booking.end,
		startInputType: 'utc',
		startOutputType: 'utc',
		endInputType: 'utc',
		endOutputType: 'utc',
		location: consultationPlace(strings, booking.mode, office, specialist),
		description: `${text(strings, 'mail.reference')}: ${booking.reference}\n${office.name}, ${office.phone}`,
		status: 'CONFIRMED',
		productId: 'child-protection-site',
	});
	if (error || !value) throw new Error(`Could not create the calendar file: ${error?.name ?? 'unknown'}`);
	return value;
}
