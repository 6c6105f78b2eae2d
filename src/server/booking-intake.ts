/**
 * Booking and cancelling consultations: encrypt the professional's details, store the booking
 * (one per slot, enforced by the store) with its e-mails, and issue the signed links.
 */
import { bookingSchema, type Booking } from '../lib/booking-schema.ts';
import type { Finding } from '../lib/personal-data-scan.ts';
import { decrypt, encrypt } from './data-crypto.ts';
import { wakeOutbox } from './outbox-wake.ts';
import { getDataKey, getStore } from './runtime.ts';
import type { BookingOutcome, BookingRow, NewSubmission } from './store.ts';
import { signingKey, signToken, verifyToken } from './tokens.ts';

/** What is stored (encrypted) for a booking and rendered into its e-mails. */
export interface StoredBooking extends Booking {
	specialistId: string;
	start: number;
	end: number;
	personalDataFindings: Finding[];
}

const DAY = 24 * 3600 * 1000;

/** `token`: the single-use token the spam guard accepted, used up with the booking. */
export function bookConsultation(booking: StoredBooking, token?: NewSubmission['token'], now = Date.now()): BookingOutcome {
	const outcome = getStore().book({
		id: booking.submissionId,
		officeId: booking.officeId,
		locale: booking.locale,
		specialistId: booking.specialistId,
		start: booking.start,
		end: booking.end,
		mode: booking.mode,
		personalDataFindings: booking.personalDataFindings,
		body: encrypt(getDataKey(), JSON.stringify(booking), booking.submissionId),
		messages: ['booking-professional', 'booking-specialist'],
		now,
		...(token ? { token } : {}),
	});
	if ('created' in outcome) wakeOutbox();
	return outcome;
}

/** Signed links for a booking: cancel until the consultation starts; the calendar file a while longer. */
export function bookingTokens(id: string, start: number, end: number): { cancel: string; calendar: string } {
	const key = signingKey(getDataKey());
	return {
		cancel: signToken(key, { purpose: 'cancel', id, expires: start }),
		calendar: signToken(key, { purpose: 'calendar', id, expires: end + 30 * DAY }),
	};
}

export type LinkResult = { status: 'forged' | 'expired' | 'missing' } | { status: 'ok'; booking: BookingRow };

/** The booking a signed link points to, if the link is genuine and current. */
export function bookingFromLink(token: string, purpose: 'cancel' | 'calendar', now = Date.now()): LinkResult {
	const check = verifyToken(signingKey(getDataKey()), token, purpose, now);
	if (!check.ok) return { status: check.reason };
	const booking = getStore().booking(check.id);
	return booking ? { status: 'ok', booking } : { status: 'missing' };
}

/**
 * The booking stored under a posted booking's id, when the post is that booking sent again
 * (a double click, a network retry): every answer the same. `other` when the id holds a
 * different booking – the id is in links and calendars, so knowing it must not be enough to be
 * shown that booking's cancel link.
 */
export function earlierBooking(booking: Booking): BookingRow | 'other' | undefined {
	const row = getStore().booking(booking.submissionId);
	if (!row) return undefined;
	const sealed = getStore().body(booking.submissionId);
	// Purged (the consultation is long over): nothing to compare, so nothing to show.
	if (!sealed) return 'other';
	const stored = JSON.parse(decrypt(getDataKey(), sealed, booking.submissionId)) as Record<string, unknown>;
	const posted = booking as Record<string, unknown>;
	return Object.keys(bookingSchema.shape).every((key) => stored[key] === posted[key]) ? row : 'other';
}

export function cancelConsultation(id: string, now = Date.now()): 'cancelled' | 'already' | 'missing' {
	const result = getStore().cancelBooking(id, now);
	if (result === 'cancelled') wakeOutbox();
	return result;
}
