/**
 * Booking and cancelling consultations: encrypt the professional's details, store the booking
 * (one per slot, enforced by the store) with its e-mails, and issue the signed links.
 */
import { bookingSchema, type Booking } from '../lib/booking-schema.ts';
import type { Finding } from '../lib/personal-data-scan.ts';
import type { MailLimits } from './concern-intake.ts';
import { decrypt, encrypt, pseudonymiser } from './data-crypto.ts';
import type { BookingOutcome, BookingRow, NewSubmission, Store } from './store.ts';
import { signingKey, signToken, verifyToken } from './tokens.ts';

/** What is stored (encrypted) for a booking and rendered into its e-mails. */
export interface StoredBooking extends Booking {
	specialistId: string;
	start: number;
	end: number;
	personalDataFindings: Finding[];
}

const DAY = 24 * 3600 * 1000;

export type LinkResult =
	| { status: 'forged' | 'expired' | 'missing' }
	| { status: 'ok'; booking: BookingRow };

export interface BookingIntake {
	/**
	 * `token`: the single-use token the spam guard accepted, used up with the booking; `client`:
	 * who is asking (see client-address.ts), for the limit of bookings per client address.
	 */
	book(
		booking: StoredBooking,
		client: string,
		token?: NewSubmission['token'],
		now?: number,
	): Promise<BookingOutcome>;
	/** Signed links for a booking: cancel until the consultation starts; the calendar file a while longer. */
	tokens(id: string, start: number, end: number): { cancel: string; calendar: string };
	/** The booking a signed link points to, if the link is genuine and current. */
	fromLink(token: string, purpose: 'cancel' | 'calendar', now?: number): Promise<LinkResult>;
	/**
	 * The booking stored under a posted booking's id, when the post is that booking sent again
	 * (a double click, a network retry): every answer the same. `other` when the id holds a
	 * different booking – the id is in links and calendars, so knowing it must not be enough to be
	 * shown that booking's cancel link.
	 */
	earlier(booking: Booking): Promise<BookingRow | 'other' | undefined>;
	cancel(id: string, now?: number): Promise<'cancelled' | 'already' | 'missing'>;
}

/** Consultations not yet held that one e-mail address and one client address may have booked. */
export interface BookingLimits {
	perEmail: number;
	perClient: number;
}

export function createBookingIntake(
	store: Store,
	dataKey: Buffer,
	wakeOutbox: () => void,
	limits: BookingLimits,
	mail: MailLimits,
): BookingIntake {
	const links = signingKey(dataKey);
	const recipientKey = pseudonymiser(dataKey, 'mail recipients');
	const clientKey = pseudonymiser(dataKey, 'booking clients');
	return {
		async book(booking, client, token, now = Date.now()) {
			const outcome = await store.book({
				id: booking.submissionId,
				officeId: booking.officeId,
				locale: booking.locale,
				specialistId: booking.specialistId,
				start: booking.start,
				end: booking.end,
				mode: booking.mode,
				personalDataFindings: booking.personalDataFindings,
				body: encrypt(dataKey, JSON.stringify(booking), booking.submissionId),
				messages: ['booking-professional', 'booking-specialist'],
				budget: {
					recipient: recipientKey(booking.reporterEmail),
					kinds: ['booking-professional'],
					...mail,
				},
				limits: {
					email: recipientKey(booking.reporterEmail),
					client: clientKey(client),
					...limits,
				},
				now,
				...(token ? { token } : {}),
			});
			if ('created' in outcome) wakeOutbox();
			return outcome;
		},
		tokens(id, start, end) {
			return {
				cancel: signToken(links, { purpose: 'cancel', id, expires: start }),
				calendar: signToken(links, { purpose: 'calendar', id, expires: end + 30 * DAY }),
			};
		},
		async fromLink(token, purpose, now = Date.now()) {
			const check = verifyToken(links, token, purpose, now);
			if (!check.ok) return { status: check.reason };
			const booking = await store.booking(check.id);
			return booking ? { status: 'ok', booking } : { status: 'missing' };
		},
		async earlier(booking) {
			const row = await store.booking(booking.submissionId);
			if (!row) return undefined;
			const sealed = await store.body(booking.submissionId);
			// Purged (the consultation is long over): nothing to compare, so nothing to show.
			if (!sealed) return 'other';
			const stored = JSON.parse(decrypt(dataKey, sealed, booking.submissionId)) as Record<
				string,
				unknown
			>;
			const posted = booking as Record<string, unknown>;
			return Object.keys(bookingSchema.shape).every((key) => stored[key] === posted[key])
				? row
				: 'other';
		},
		async cancel(id, now = Date.now()) {
			// The professional is told too, within the mail budget of their address (from the stored booking).
			const sealed = await store.body(id);
			const email = sealed
				? (JSON.parse(decrypt(dataKey, sealed, id)) as StoredBooking).reporterEmail
				: undefined;
			const professional = email
				? {
						recipient: recipientKey(email),
						kinds: ['booking-cancel-professional'] as const,
						...mail,
					}
				: undefined;
			const result = await store.cancelBooking(id, now, professional);
			if (result === 'cancelled') wakeOutbox();
			return result;
		},
	};
}
