/** Bookings: one per specialist and start while booked, with the limits per e-mail and client. */
import type { BookedSlot } from '../../lib/slots.ts';
import type { BookingRow, NewBooking } from '../store.ts';
import type { Database } from './database.ts';

export function bookingsTable({ db }: Database) {
	const q = {
		booked: db.prepare(
			`SELECT 1 FROM bookings WHERE office_id = ? AND specialist_id = ? AND start_utc = ? AND status = 'booked'`,
		),
		insert: db.prepare(
			`INSERT INTO bookings (id, office_id, specialist_id, start_utc, end_utc, mode, personal_data_findings, created_at, email_key, client_key)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		),
		active: db.prepare(
			`SELECT (SELECT COUNT(*) FROM bookings WHERE email_key = ?1 AND status = 'booked' AND end_utc > ?3) AS email,
			        (SELECT COUNT(*) FROM bookings WHERE client_key = ?2 AND status = 'booked' AND end_utc > ?3) AS client`,
		),
		bookedSlots: db.prepare(
			`SELECT specialist_id AS specialistId, start_utc AS start, end_utc AS "end" FROM bookings
			 WHERE office_id = ? AND status = 'booked' AND start_utc >= ? AND start_utc < ?`,
		),
		booking: db.prepare(
			`SELECT b.id, s.reference, b.office_id AS officeId, b.specialist_id AS specialistId, b.start_utc AS start,
			        b.end_utc AS "end", b.mode, s.locale, b.status
			 FROM bookings b JOIN submissions s ON s.id = b.id WHERE b.id = ?`,
		),
		cancel: db.prepare(
			`UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'booked'`,
		),
		forgetKeys: db.prepare(
			`UPDATE bookings SET email_key = NULL, client_key = NULL WHERE email_key IS NOT NULL AND (status = 'cancelled' OR end_utc <= ?)`,
		),
	};
	return {
		isBooked(b: NewBooking): boolean {
			return q.booked.get(b.officeId, b.specialistId, b.start) !== undefined;
		},
		/** Which limit a new booking would pass, if any. */
		overLimit(b: NewBooking): 'email' | 'client' | undefined {
			const active = q.active.get(b.limits.email, b.limits.client, b.now) as {
				email: number;
				client: number;
			};
			if (active.email >= b.limits.perEmail) return 'email';
			if (active.client >= b.limits.perClient) return 'client';
			return undefined;
		},
		/** The caller holds the transaction and has checked `isBooked`; the unique index still has the last word. */
		insert(b: NewBooking): void {
			const changes = q.insert.run(
				b.id,
				b.officeId,
				b.specialistId,
				b.start,
				b.end,
				b.mode,
				JSON.stringify(b.personalDataFindings),
				b.now,
				b.limits.email,
				b.limits.client,
			).changes;
			if (Number(changes) !== 1) throw new Error('the slot was booked inside the same transaction');
		},
		bookedSlots(officeId: string, from: number, to: number): BookedSlot[] {
			return (q.bookedSlots.all(officeId, from, to) as unknown as BookedSlot[]).map((r) => ({
				...r,
			}));
		},
		booking(id: string): BookingRow | undefined {
			const row = q.booking.get(id) as BookingRow | undefined;
			return row ? { ...row } : undefined;
		},
		/** False when it was not booked (any more). */
		cancel(id: string, now: number): boolean {
			return Number(q.cancel.run(now, id).changes) === 1;
		},
		/** Once a booking no longer counts towards a limit, its keyed hashes are not needed. */
		forgetKeys(now: number): void {
			q.forgetKeys.run(now);
		},
	};
}
