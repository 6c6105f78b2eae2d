/**
 * Booking and cancelling consultations: encrypt the professional's details, store the booking
 * (one per slot, enforced by the store) with its e-mails, and issue the signed links.
 */
import type { Booking } from '../lib/booking-schema.ts';
import type { Finding } from '../lib/personal-data-scan.ts';
import { encrypt } from './data-crypto.ts';
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

export function findBooking(id: string): BookingRow | undefined {
	return getStore().booking(id);
}

export function cancelConsultation(id: string, now = Date.now()): 'cancelled' | 'already' | 'missing' {
	const result = getStore().cancelBooking(id, now);
	if (result === 'cancelled') wakeOutbox();
	return result;
}
