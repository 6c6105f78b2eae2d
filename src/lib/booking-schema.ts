/**
 * A consultation booking: the slot, the professional's own contact and an optional anonymised
 * description. One schema for the island, the server and the e-mails. Nothing here identifies
 * the child: the description is checked for personal data (see personal-data-scan.ts).
 */
import { z } from 'zod/mini';
import { CONSULTATION_MODES } from './consultation-modes.ts';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES } from './locales.ts';
import { emailField, multiLine, optional, phoneField, singleLine } from './text-rules.ts';

export const BOOKING_FIELDS = ['reporterName', 'reporterRole', 'reporterOrganisation', 'reporterEmail', 'reporterPhone', 'description'] as const;

export const bookingSchema = z.strictObject({
	submissionId: z.uuid({ error: 'error.form' }),
	locale: z.enum(LOCALES, { error: 'error.form' }),
	country: z.enum(COUNTRY_CODES, { error: 'error.form' }),
	area: singleLine(80),
	officeId: singleLine(80).check(z.regex(/^[a-z0-9-]+$/, { error: 'error.office' })),
	mode: z.enum(CONSULTATION_MODES, { error: 'error.choose' }),
	/** `<specialistId>@<ISO start>` (see slots.ts); the server checks it is a free slot. */
	slot: singleLine(120),

	reporterName: singleLine(120),
	reporterRole: singleLine(120),
	reporterOrganisation: singleLine(200),
	reporterEmail: emailField,
	reporterPhone: phoneField,
	description: optional(multiLine(1500)),
	/** "yes" once the person has seen the personal-data warning and confirms the text is anonymous. */
	personalDataConfirmed: optional(z.literal('yes', { error: 'error.form' })),
});

export type Booking = z.infer<typeof bookingSchema>;
