/**
 * The concern form's field registry: every question the professional is asked, in order, with
 * its step, how it is asked and the rule its answer must meet. The schema (concern-schema.ts),
 * the island's steps, "check your answers", the confirmation page and the e-mail to the office
 * all read it, so they ask, check, label and order the answers the same way. A new field is one
 * entry here plus its strings (`notify.<name>.label`, `.hint`) in every locale and in ui-keys.ts.
 */
import { z } from 'zod/mini';
import { applicable, displayValue, fieldRegistry, type FieldSpec } from './field-spec.ts';
import type { FormValues } from './form-values.ts';
import { choice, emailField, multiLine, optional, phoneField, singleLine } from './text-rules.ts';

export const CATEGORIES = ['neglect', 'physical', 'emotional', 'sexual', 'other'] as const;
export const URGENCIES = ['today', 'this-week', 'not-urgent'] as const;
export const INTERPRETER = ['yes', 'no', 'unknown'] as const;
export const PARENTS_TOLD = ['yes', 'no'] as const;
export const NOT_TOLD_REASONS = ['risk', 'not-reachable', 'not-yet', 'other'] as const;

/** The island's steps, each one section of the form; the area and office come before, on GET steps. */
export const CONCERN_STEPS = ['child', 'observation', 'parents', 'reporter'] as const;
export type ConcernStep = (typeof CONCERN_STEPS)[number];

const birthDate = z.iso.date({ error: 'error.date' }).check(
	z.refine(
		(d) => {
			const age = (Date.now() - new Date(`${d}T00:00:00Z`).getTime()) / (365.25 * 24 * 3600 * 1000);
			return age >= -0.75 && age < 18; // an unborn child can be at risk too
		},
		{ error: 'error.birthDate' },
	),
);

export const CONCERN_FORM = fieldRegistry(CONCERN_STEPS, {
	childName: { step: 'child', kind: 'text', optional: true, rule: optional(singleLine(120)) },
	childBirthDate: {
		step: 'child',
		kind: 'date',
		optional: true,
		hint: true,
		rule: optional(birthDate),
	},
	childAge: {
		step: 'child',
		kind: 'number',
		optional: true,
		rule: optional(
			z.coerce
				.number({ error: 'error.age' })
				.check(z.refine((n) => Number.isInteger(n) && n >= 0 && n <= 17, { error: 'error.age' })),
		),
	},
	childAddress: { step: 'child', kind: 'textarea', optional: true, rule: optional(multiLine(300)) },
	childLanguages: { step: 'child', kind: 'text', optional: true, rule: optional(singleLine(200)) },
	interpreter: {
		step: 'child',
		kind: 'radios',
		options: INTERPRETER,
		optionPrefix: 'notify.interpreter',
		rule: choice(INTERPRETER),
	},

	observation: { step: 'observation', kind: 'textarea', hint: true, rule: multiLine(5000) },
	observedWhen: { step: 'observation', kind: 'text', hint: true, rule: singleLine(200) },
	childWords: {
		step: 'observation',
		kind: 'textarea',
		optional: true,
		rule: optional(multiLine(2000)),
	},
	categories: {
		step: 'observation',
		kind: 'checkboxes',
		options: CATEGORIES,
		optionPrefix: 'notify.category',
		hint: true,
		rule: z
			.array(z.enum(CATEGORIES, { error: 'error.choose' }), { error: 'error.categories' })
			.check(
				z.minLength(1, { error: 'error.categories' }),
				z.refine((list) => new Set(list).size === list.length, { error: 'error.categories' }),
			),
	},
	urgency: {
		step: 'observation',
		kind: 'radios',
		options: URGENCIES,
		optionPrefix: 'notify.urgency',
		hint: true,
		rule: choice(URGENCIES),
	},
	actionsTaken: {
		step: 'observation',
		kind: 'textarea',
		optional: true,
		hint: true,
		rule: optional(multiLine(2000)),
	},

	parentsTold: {
		step: 'parents',
		kind: 'radios',
		options: PARENTS_TOLD,
		optionPrefix: 'notify.parentsTold',
		rule: choice(PARENTS_TOLD),
	},
	// Required when the parents were not told: concern-schema.ts checks that across the fields.
	notToldReason: {
		step: 'parents',
		kind: 'radios',
		options: NOT_TOLD_REASONS,
		optionPrefix: 'notify.notToldReason',
		showIf: (v) => v['parentsTold'] === 'no',
		rule: optional(choice(NOT_TOLD_REASONS)),
	},
	notToldDetails: {
		step: 'parents',
		kind: 'textarea',
		optional: true,
		rule: optional(multiLine(1000)),
	},

	reporterName: { step: 'reporter', kind: 'text', autocomplete: 'name', rule: singleLine(120) },
	reporterRole: {
		step: 'reporter',
		kind: 'text',
		hint: true,
		autocomplete: 'organization-title',
		rule: singleLine(120),
	},
	reporterOrganisation: {
		step: 'reporter',
		kind: 'text',
		autocomplete: 'organization',
		rule: singleLine(200),
	},
	reporterAddress: {
		step: 'reporter',
		kind: 'textarea',
		optional: true,
		autocomplete: 'street-address',
		rule: optional(multiLine(300)),
	},
	reporterEmail: {
		step: 'reporter',
		kind: 'email',
		hint: true,
		autocomplete: 'email',
		rule: emailField,
	},
	reporterPhone: { step: 'reporter', kind: 'tel', autocomplete: 'tel', rule: phoneField },
});

/** Fields of a step that apply to these answers. */
export function visibleFields(step: ConcernStep, values: FormValues): FieldSpec[] {
	return applicable(CONCERN_FORM.inStep(step), values);
}

export { displayValue };
