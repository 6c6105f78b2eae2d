/**
 * The calendar file of a booking (library `ics`, lines folded at 75 octets by `foldIcs`).
 * Neutral on purpose: the title says "Consultation" and nothing about the case, since calendars
 * are often shared. A cancellation is the same event (same UID, a higher SEQUENCE) with
 * METHOD:CANCEL, so a calendar that took the booking removes it.
 */
import { createEvent, type EventAttributes } from 'ics';
import { consultationHow, howLine } from '../lib/consultation-how.ts';
import type { Office, Specialist } from '../lib/content-schemas.ts';
import type { Translate } from '../lib/translate.ts';
import { foldIcs } from './ics-fold.ts';

export interface BookingFacts {
	id: string;
	reference: string;
	start: number;
	end: number;
	mode: string;
}

/** The notice that takes a booking out of the calendar again, sent to the professional. */
export interface Cancellation {
	/** The professional's e-mail address: iTIP names who the cancellation is for. */
	attendee: string;
}

export function bookingCalendarFor(
	booking: BookingFacts,
	office: Office,
	specialist: Specialist,
	/** In the professional's language. */
	t: Translate,
	siteUrl: string,
	cancellation?: Cancellation,
): string {
	const method = cancellation ? 'CANCEL' : 'PUBLISH';
	const how = consultationHow(t, booking.mode, office, specialist, {
		reader: 'professional',
		reference: booking.reference,
	});
	const event: EventAttributes = {
		method,
		uid: `${booking.id}@${new URL(siteUrl).hostname}`,
		// A cancellation must be newer than the booking it cancels (RFC 5546).
		sequence: method === 'CANCEL' ? 1 : 0,
		title: t('booking.ics.title'),
		start: booking.start,
		end: booking.end,
		startInputType: 'utc',
		startOutputType: 'utc',
		endInputType: 'utc',
		endOutputType: 'utc',
		location: how.link ?? how.text,
		...(how.link ? { url: how.link } : {}),
		description: `${howLine(how)}\n${t('mail.reference')}: ${booking.reference}\n${office.name}, ${office.phone}`,
		status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
		organizer: { name: office.name, email: office.email },
		...(cancellation ? { attendees: [{ email: cancellation.attendee, rsvp: false }] } : {}),
		productId: 'child-protection-site',
	};
	const { error, value } = createEvent(event);
	if (error || !value)
		throw new Error(`Could not create the calendar file: ${error?.name ?? 'unknown'}`);
	return foldIcs(value);
}
