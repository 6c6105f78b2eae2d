/**
 * A consultation booking: the slot, the professional's own contact and an optional anonymised
 * description. One schema for the island, the server and the e-mails; the asked fields' rules
 * come from the registry (booking-fields.ts). Nothing here identifies the child: the description
 * is checked for personal data (see personal-data-scan.ts), and a text with findings must be
 * confirmed as anonymous.
 */
import { z } from 'zod/mini';
import { BOOKING_FORM } from './booking-fields.ts';
import { CONSULTATION_MODES } from './consultation-modes.ts';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES } from './locales.ts';
import { scanPersonalData } from './personal-data-scan.ts';
import { singleLine } from './text-rules.ts';

/** Fields chosen in the earlier steps, carried by the form. */
export const BOOKING_FIXED = {
	submissionId: z.uuid({ error: 'error.form' }),
	locale: z.enum(LOCALES, { error: 'error.form' }),
	country: z.enum(COUNTRY_CODES, { error: 'error.form' }),
	area: singleLine(80),
	officeId: singleLine(80).check(z.regex(/^[a-z0-9-]+$/, { error: 'error.office' })),
	mode: z.enum(CONSULTATION_MODES, { error: 'error.choose' }),
	/** `<specialistId>@<ISO start>` (see slots.ts); the server checks it is a free slot. */
	slot: singleLine(120),
};

export const bookingSchema = z.strictObject({ ...BOOKING_FIXED, ...BOOKING_FORM.rules }).check(
	// Asked once the rest is valid, as the warning only makes sense for a text that will be sent.
	z.refine(
		(b) => b.personalDataConfirmed === 'yes' || scanPersonalData(b.description ?? '').length === 0,
		{
			error: 'booking.pd.required',
			path: ['personalDataConfirmed'],
			when: (payload) => payload.issues.length === 0,
		},
	),
);

export type Booking = z.infer<typeof bookingSchema>;
