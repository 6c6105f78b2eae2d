/**
 * The booking form's field registry: what the professional is asked after choosing a slot, in
 * order, with its step, how it is asked and its rule. The schema (booking-schema.ts), the island,
 * "check your booking" and the e-mail to the specialist read it. The contact fields share their
 * strings with the concern form (`notify.*`); a new field is one entry here plus its strings.
 */
import { z } from 'zod/mini';
import { fieldRegistry } from './field-spec.ts';
import { emailField, multiLine, optional, phoneField, singleLine } from './text-rules.ts';

/** `you`: the professional's contact; `situation`: the optional anonymised description. */
export const BOOKING_STEPS = ['you', 'situation'] as const;

export const BOOKING_FORM = fieldRegistry(BOOKING_STEPS, {
	reporterName: { step: 'you', kind: 'text', autocomplete: 'name', rule: singleLine(120) },
	reporterRole: {
		step: 'you',
		kind: 'text',
		hint: true,
		autocomplete: 'organization-title',
		rule: singleLine(120),
	},
	reporterOrganisation: {
		step: 'you',
		kind: 'text',
		autocomplete: 'organization',
		rule: singleLine(200),
	},
	reporterEmail: { step: 'you', kind: 'email', autocomplete: 'email', rule: emailField },
	reporterPhone: { step: 'you', kind: 'tel', autocomplete: 'tel', rule: phoneField },
	description: {
		step: 'situation',
		kind: 'textarea',
		prefix: 'booking',
		optional: true,
		hint: true,
		rule: optional(multiLine(1500)),
	},
	/** "yes" once the person has seen the personal-data warning and confirms the text is anonymous. */
	personalDataConfirmed: {
		kind: 'checkbox',
		label: 'booking.pd.title',
		rule: optional(z.literal('yes', { error: 'error.form' })),
	},
});
