/**
 * The concern about a child: one schema, used by the island (as you type), the server (the
 * authority) and the e-mail renderer. Field names are also the form field ids (GOV.UK pattern).
 */
import { z } from 'zod/mini';
import { COUNTRY_CODES } from './country-codes.ts';
import { LOCALES } from './locales.ts';
import { choice, emailField, multiLine, optional, phoneField, singleLine } from './text-rules.ts';

export const CATEGORIES = ['neglect', 'physical', 'emotional', 'sexual', 'other'] as const;
export const URGENCIES = ['today', 'this-week', 'not-urgent'] as const;
export const INTERPRETER = ['yes', 'no', 'unknown'] as const;
export const PARENTS_TOLD = ['yes', 'no'] as const;
export const NOT_TOLD_REASONS = ['risk', 'not-reachable', 'not-yet', 'other'] as const;

/** Sections in the order the form asks them; each is one step of the island. */
export const CONCERN_SECTIONS = {
	where: ['country', 'area', 'officeId'],
	child: ['childName', 'childBirthDate', 'childAge', 'childAddress', 'childLanguages', 'interpreter'],
	observation: ['observation', 'observedWhen', 'childWords', 'categories', 'urgency', 'actionsTaken'],
	parents: ['parentsTold', 'notToldReason', 'notToldDetails'],
	reporter: ['reporterName', 'reporterRole', 'reporterOrganisation', 'reporterAddress', 'reporterEmail', 'reporterPhone'],
} as const;
export type ConcernSection = keyof typeof CONCERN_SECTIONS;
export type ConcernField = (typeof CONCERN_SECTIONS)[ConcernSection][number];

const birthDate = z.iso.date({ error: 'error.date' }).check(
	z.refine(
		(d) => {
			const age = (Date.now() - new Date(`${d}T00:00:00Z`).getTime()) / (365.25 * 24 * 3600 * 1000);
			return age >= -0.75 && age < 18; // an unborn child can be at risk too
		},
		{ error: 'error.birthDate' },
	),
);

export const concernSchema = z
	.strictObject({
		/** Chosen by the browser (or the server for the form without JavaScript); one concern per id. */
		submissionId: z.uuid({ error: 'error.form' }),
		/** Language the professional used; the receipt is written in it. */
		locale: z.enum(LOCALES, { error: 'error.form' }),

		country: z.enum(COUNTRY_CODES, { error: 'error.country' }),
		area: singleLine(80),
		officeId: singleLine(80).check(z.regex(/^[a-z0-9-]+$/, { error: 'error.office' })),

		childName: optional(singleLine(120)),
		childBirthDate: optional(birthDate),
		childAge: optional(
			z.coerce.number({ error: 'error.age' }).check(z.refine((n) => Number.isInteger(n) && n >= 0 && n <= 17, { error: 'error.age' })),
		),
		childAddress: optional(multiLine(300)),
		childLanguages: optional(singleLine(200)),
		interpreter: choice(INTERPRETER),

		observation: multiLine(5000),
		observedWhen: singleLine(200),
		childWords: optional(multiLine(2000)),
		categories: z
			.array(z.enum(CATEGORIES, { error: 'error.choose' }), { error: 'error.categories' })
			.check(
				z.minLength(1, { error: 'error.categories' }),
				z.refine((list) => new Set(list).size === list.length, { error: 'error.categories' }),
			),
		urgency: choice(URGENCIES),
		actionsTaken: optional(multiLine(2000)),

		parentsTold: choice(PARENTS_TOLD),
		notToldReason: optional(choice(NOT_TOLD_REASONS)),
		notToldDetails: optional(multiLine(1000)),

		reporterName: singleLine(120),
		reporterRole: singleLine(120),
		reporterOrganisation: singleLine(200),
		reporterAddress: optional(multiLine(300)),
		reporterEmail: emailField,
		reporterPhone: phoneField,
	})
	.check(
		z.refine((c) => c.parentsTold !== 'no' || c.notToldReason !== undefined, {
			error: 'error.notToldReason',
			path: ['notToldReason'],
			// Report it together with the other field errors, not only once they are all fixed.
			when: (payload) => payload.issues.every((i) => i.path?.[0] !== 'parentsTold'),
		}),
	);

export type Concern = z.infer<typeof concernSchema>;
