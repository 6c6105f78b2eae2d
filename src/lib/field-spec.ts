/**
 * How a form field is asked: its kind, options and hint. Shared by every form's island; kept
 * apart from the schemas so an island that only renders fields does not ship a validator.
 */
import type { FormValues } from './form-values.ts';

export interface FieldSpec {
	name: string;
	kind: 'text' | 'textarea' | 'date' | 'email' | 'tel' | 'number' | 'radios' | 'checkboxes';
	/** Values of radios and checkboxes; their labels are `<optionPrefix>.<value>`. */
	options?: readonly string[];
	optionPrefix?: string;
	optional?: boolean;
	/** Has a hint, UI string `<prefix>.<name>.hint`. */
	hint?: boolean;
	autocomplete?: string;
	/** Only asked (with JavaScript) and shown back when this holds; always asked without. */
	showIf?: (values: FormValues) => boolean;
}

/** UI string key of a field's label: `<prefix>.<name>.legend` for groups, `.label` otherwise. */
export function labelKey(prefix: string, spec: FieldSpec): string {
	return `${prefix}.${spec.name}.${spec.kind === 'radios' || spec.kind === 'checkboxes' ? 'legend' : 'label'}`;
}
