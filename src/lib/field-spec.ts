/**
 * How a form's fields are declared: one registry per form (concern-fields.ts, booking-fields.ts)
 * lists each field once – the step it is asked in, how it is asked, and the rule its answer must
 * meet. The form's schema, the island's steps, the "check your answers" rows, the confirmation
 * and the e-mail rows are all derived from that list, so adding a field is one entry there (and
 * its strings in every locale).
 */
import type { z } from 'zod/mini';
import type { FormValues } from './form-values.ts';
import { composedKey, type Translate } from './translate.ts';

export interface FieldSpec {
	name: string;
	/** `checkbox`: a single box the form renders itself (a confirmation); never shown back. */
	kind:
		| 'text'
		| 'textarea'
		| 'date'
		| 'email'
		| 'tel'
		| 'number'
		| 'radios'
		| 'checkboxes'
		| 'checkbox';
	/** Namespace of the field's UI strings when it is not the form's own (e.g. "booking"). */
	prefix?: string;
	/** UI string key of the label when it is not `<prefix>.<name>.label` / `.legend`. */
	label?: string;
	/** Values of radios and checkboxes; their labels are `<optionPrefix>.<value>`. */
	options?: readonly string[];
	optionPrefix?: string;
	/** Marked "(optional)" where it is asked. */
	optional?: boolean;
	/** Has a hint, UI string `<prefix>.<name>.hint`. */
	hint?: boolean;
	autocomplete?: string;
	/** Only asked (with JavaScript) and shown back when this holds; always asked without. */
	showIf?: (values: FormValues) => boolean;
}

/** A field as a registry declares it: how it is asked, in which step, and its rule. */
export interface FieldDefinition<Step extends string> extends Omit<FieldSpec, 'name'> {
	/** The step it is asked in; none for a field the form renders by itself. */
	step?: Step;
	/** What a valid answer is (zod/mini, messages are UI string keys). */
	rule: z.ZodMiniType;
}

export type RegisteredField<Step extends string> = FieldSpec & { step?: Step };

/** A form's registry: its steps in order and its fields, with what is derived from them. */
export interface FieldRegistry<Step extends string, Rules> {
	steps: readonly Step[];
	/** Every field, in the order the form asks them. */
	fields: readonly RegisteredField<Step>[];
	/** Field name → rule, for the form's `z.strictObject`. */
	rules: Rules;
	/** Fields that may be sent several times (checkboxes): `formValues` reads them as lists. */
	listFields: readonly string[];
	inStep(step: Step): RegisteredField<Step>[];
	spec(name: string): RegisteredField<Step> | undefined;
}

/**
 * Declares a form's fields. The object's key order is the order they are asked and shown back
 * in; the steps give the order of the steps.
 */
export function fieldRegistry<
	Step extends string,
	const Fields extends Record<string, FieldDefinition<Step>>,
>(
	steps: readonly Step[],
	definitions: Fields,
): FieldRegistry<Step, { [Name in keyof Fields]: Fields[Name]['rule'] }> {
	const fields = Object.entries(definitions).map(([name, { rule: _rule, ...spec }]) => ({
		name,
		...spec,
	}));
	return {
		steps,
		fields,
		rules: Object.fromEntries(Object.entries(definitions).map(([name, d]) => [name, d.rule])) as {
			[Name in keyof Fields]: Fields[Name]['rule'];
		},
		listFields: fields.filter((f) => f.kind === 'checkboxes').map((f) => f.name),
		inStep: (step) => fields.filter((f) => f.step === step),
		spec: (name) => fields.find((f) => f.name === name),
	};
}

/** UI string key of a field's label: `<prefix>.<name>.legend` for groups, `.label` otherwise. */
export function labelKey(prefix: string, spec: FieldSpec): string {
	if (spec.label) return spec.label;
	return `${spec.prefix ?? prefix}.${spec.name}.${spec.kind === 'radios' || spec.kind === 'checkboxes' ? 'legend' : 'label'}`;
}

/** Fields that apply to these answers (a field with `showIf` may not). */
export function applicable<T extends FieldSpec>(fields: readonly T[], values: FormValues): T[] {
	return fields.filter((spec) => !spec.showIf || spec.showIf(values));
}

/** An answer as a reader sees it: option labels instead of codes, "Not known" for nothing. */
export function displayValue(t: Translate, spec: FieldSpec, value: unknown): string {
	const list = (
		Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]
	).map(String);
	if (list.length === 0) return t('notify.notKnown');
	return spec.options
		? list.map((v) => t(composedKey(`${spec.optionPrefix}.${v}`))).join(', ')
		: list.join(', ');
}

/** Label and shown answer of each field that applies, as "check your answers", the confirmation and the e-mails list them. */
export function answerRows(
	t: Translate,
	prefix: string,
	fields: readonly FieldSpec[],
	values: FormValues,
): [label: string, value: string][] {
	return applicable(fields, values).map((spec) => [
		t(composedKey(labelKey(prefix, spec))),
		displayValue(t, spec, values[spec.name]),
	]);
}
