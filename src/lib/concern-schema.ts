/**
 * The concern about a child: one schema, used by the island (as you type), the server (the
 * authority) and the e-mail renderer. The answers' rules come from the field registry
 * (concern-fields.ts); here are the fields fixed by the earlier steps and the checks across
 * fields. Field names are also the form field ids (GOV.UK pattern).
 */
import { z } from 'zod/mini';
import { CONCERN_FORM } from './concern-fields.ts';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES } from './locales.ts';
import { singleLine } from './text-rules.ts';

/** Fields the form carries from the earlier steps, not asked in it. */
export const CONCERN_FIXED = {
	/** Chosen by the browser (or the server for the form without JavaScript); one concern per id. */
	submissionId: z.uuid({ error: 'error.form' }),
	/** Language the professional used; the receipt is written in it. */
	locale: z.enum(LOCALES, { error: 'error.form' }),
	country: z.enum(COUNTRY_CODES, { error: 'error.country' }),
	area: singleLine(80),
	officeId: singleLine(80).check(z.regex(/^[a-z0-9-]+$/, { error: 'error.office' })),
};

export const concernSchema = z.strictObject({ ...CONCERN_FIXED, ...CONCERN_FORM.rules }).check(
	z.refine((c) => c.parentsTold !== 'no' || c.notToldReason !== undefined, {
		error: 'error.notToldReason',
		path: ['notToldReason'],
		// Report it together with the other field errors, not only once they are all fixed.
		when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'parentsTold'),
	}),
);

export type Concern = z.infer<typeof concernSchema>;
