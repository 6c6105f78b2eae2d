/**
 * How the concern is asked and shown: the steps, each field's kind and options, and how an
 * answer reads back. Used by the form island, the confirmation page and the e-mail to the office,
 * so all three label and order answers the same way.
 */
import {
	CATEGORIES,
	INTERPRETER,
	NOT_TOLD_REASONS,
	PARENTS_TOLD,
	URGENCIES,
	type ConcernSection,
} from './concern-schema.ts';
import type { FieldSpec } from './field-spec.ts';
import type { FormValues } from './form-values.ts';
import { composedKey, type Translate } from './translate.ts';

export type ConcernStep = Exclude<ConcernSection, 'where'>;
export const CONCERN_STEPS: ConcernStep[] = ['child', 'observation', 'parents', 'reporter'];

export const CONCERN_FIELDS: Record<ConcernStep, FieldSpec[]> = {
	child: [
		{ name: 'childName', kind: 'text', optional: true },
		{ name: 'childBirthDate', kind: 'date', optional: true, hint: true },
		{ name: 'childAge', kind: 'number', optional: true },
		{ name: 'childAddress', kind: 'textarea', optional: true },
		{ name: 'childLanguages', kind: 'text', optional: true },
		{ name: 'interpreter', kind: 'radios', options: INTERPRETER, optionPrefix: 'notify.interpreter' },
	],
	observation: [
		{ name: 'observation', kind: 'textarea', hint: true },
		{ name: 'observedWhen', kind: 'text', hint: true },
		{ name: 'childWords', kind: 'textarea', optional: true },
		{ name: 'categories', kind: 'checkboxes', options: CATEGORIES, optionPrefix: 'notify.category', hint: true },
		{ name: 'urgency', kind: 'radios', options: URGENCIES, optionPrefix: 'notify.urgency', hint: true },
		{ name: 'actionsTaken', kind: 'textarea', optional: true, hint: true },
	],
	parents: [
		{ name: 'parentsTold', kind: 'radios', options: PARENTS_TOLD, optionPrefix: 'notify.parentsTold' },
		{
			name: 'notToldReason',
			kind: 'radios',
			options: NOT_TOLD_REASONS,
			optionPrefix: 'notify.notToldReason',
			showIf: (v) => v['parentsTold'] === 'no',
		},
		{ name: 'notToldDetails', kind: 'textarea', optional: true },
	],
	reporter: [
		{ name: 'reporterName', kind: 'text', autocomplete: 'name' },
		{ name: 'reporterRole', kind: 'text', hint: true, autocomplete: 'organization-title' },
		{ name: 'reporterOrganisation', kind: 'text', autocomplete: 'organization' },
		{ name: 'reporterAddress', kind: 'textarea', optional: true, autocomplete: 'street-address' },
		{ name: 'reporterEmail', kind: 'email', hint: true, autocomplete: 'email' },
		{ name: 'reporterPhone', kind: 'tel', autocomplete: 'tel' },
	],
};

/** Fields of a step that apply to these answers. */
export function visibleFields(step: ConcernStep, values: FormValues): FieldSpec[] {
	return CONCERN_FIELDS[step].filter((spec) => !spec.showIf || spec.showIf(values));
}

/** An answer as a reader sees it: option labels instead of codes, "Not known" for nothing. */
export function displayValue(t: Translate, spec: FieldSpec, value: unknown): string {
	const list = (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map(String);
	if (list.length === 0) return t('notify.notKnown');
	return spec.options ? list.map((v) => t(composedKey(`${spec.optionPrefix}.${v}`))).join(', ') : list.join(', ');
}
