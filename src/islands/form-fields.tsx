/**
 * Form building blocks with GOV.UK markup: the field's id is its name, hint and error have
 * `<id>-hint` / `<id>-error` and are both in `aria-describedby`, an error starts with a
 * visually hidden "Error:". Rendered on the server (the form without JavaScript) and in the
 * browser by the same code.
 */
import type { ComponentChildren } from 'preact';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';
import { labelKey, type FieldSpec } from '../lib/field-spec.ts';
import type { FieldError, FieldErrors } from '../lib/form-errors.ts';
import { DATE_PARTS, dateParts } from '../lib/form-values.ts';
import { composedKey, type Translate } from '../lib/translate.ts';
import { ErrorSummary } from './error-summary.tsx';

export function errorText(t: Translate, error: FieldError): string {
	return t(error.key, error.vars);
}

function Describe({
	id,
	t,
	hint,
	error,
}: {
	id: string;
	t: Translate;
	hint: string | undefined;
	error: FieldError | undefined;
}) {
	return (
		<>
			{hint && (
				<p id={`${id}-hint`} class="hint">
					{hint}
				</p>
			)}
			{error && (
				<p id={`${id}-error`} class="field-error">
					<span class="visually-hidden">{t('error.prefix')} </span>
					{errorText(t, error)}
				</p>
			)}
		</>
	);
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
	return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
}

/** Id of the element an error summary link points to: the field, a group's first option, a date's day. */
export function firstInputId(spec: FieldSpec): string {
	if (spec.kind === 'date') return `${spec.name}-day`; // focus lands on the day, whichever box comes first
	return spec.options ? `${spec.name}-${spec.options[0]}` : spec.name;
}

export function Field({
	spec,
	prefix: formPrefix,
	t,
	value,
	error,
	hidden,
}: {
	spec: FieldSpec;
	/** Namespace of the form's UI strings, e.g. "notify" (a field may name its own). */
	prefix: string;
	t: Translate;
	value: string | string[] | undefined;
	error: FieldError | undefined;
	hidden?: boolean;
}) {
	const { name, kind } = spec;
	const prefix = spec.prefix ?? formPrefix;
	const hint = spec.hint ? t(composedKey(`${prefix}.${name}.hint`)) : undefined;
	const labelText = t(composedKey(labelKey(formPrefix, spec)));
	const optional = spec.optional ? <span class="optional"> {t('notify.optional')}</span> : null;
	const describe = describedBy(name, hint, error);

	if (kind === 'radios' || kind === 'checkboxes') {
		const type = kind === 'radios' ? 'radio' : 'checkbox';
		const chosen = Array.isArray(value) ? value : value ? [value] : [];
		return (
			<div class={`field${error ? ' field--error' : ''}`} hidden={hidden}>
				<fieldset aria-describedby={describe}>
					<legend>
						{labelText}
						{optional}
					</legend>
					<Describe id={name} t={t} hint={hint} error={error} />
					<div class={`choices choices--${type}`}>
						{spec.options!.map((option) => (
							<div class="choice">
								<input
									type={type}
									id={`${name}-${option}`}
									name={name}
									value={option}
									defaultChecked={chosen.includes(option)}
									aria-invalid={error ? true : undefined}
								/>
								<label for={`${name}-${option}`}>
									{t(composedKey(`${spec.optionPrefix}.${option}`))}
								</label>
							</div>
						))}
					</div>
				</fieldset>
			</div>
		);
	}

	if (kind === 'date') {
		// Day, month and year in three boxes, as GOV.UK asks dates: no date picker whose format
		// depends on the browser, and a hint that reads the same as what is typed.
		const parts = dateParts(value);
		// The order people write dates in: day month year, or year month day in Hungarian.
		const order = t(composedKey(`${prefix}.date.order`))
			.split(' ')
			.filter((p): p is (typeof DATE_PARTS)[number] =>
				(DATE_PARTS as readonly string[]).includes(p),
			);
		return (
			<div class={`field${error ? ' field--error' : ''}`} hidden={hidden}>
				<fieldset aria-describedby={describe} role="group">
					<legend>
						{labelText}
						{optional}
					</legend>
					<Describe id={name} t={t} hint={hint} error={error} />
					<div class="date-input">
						{(order.length === 3 ? order : DATE_PARTS).map((part) => (
							<div class={`date-input__item date-input__item--${part}`}>
								<label for={`${name}-${part}`}>{t(composedKey(`${prefix}.date.${part}`))}</label>
								<input
									type="text"
									id={`${name}-${part}`}
									name={`${name}-${part}`}
									inputMode="numeric"
									maxLength={part === 'year' ? 4 : 2}
									// The child's date, never the professional's own: autofill must not guess it (and, taking the
									// boxes for a card's expiry, cut the form into sections it fills apart).
									autoComplete="off"
									defaultValue={parts[part]}
									aria-invalid={error ? true : undefined}
								/>
							</div>
						))}
					</div>
				</fieldset>
			</div>
		);
	}

	const common = {
		id: name,
		name,
		'aria-describedby': describe,
		'aria-invalid': error ? true : undefined,
		autocomplete: spec.autocomplete,
		defaultValue: typeof value === 'string' ? value : '',
	};
	return (
		<div class={`field${error ? ' field--error' : ''}`} hidden={hidden}>
			<label for={name}>
				{labelText}
				{optional}
			</label>
			<Describe id={name} t={t} hint={hint} error={error} />
			{kind === 'textarea' ? (
				<textarea {...common} rows={5} />
			) : (
				<input
					{...common}
					type={kind === 'number' ? 'text' : kind}
					inputMode={kind === 'number' ? 'numeric' : undefined}
					spellcheck={kind === 'email' ? false : undefined}
				/>
			)}
		</div>
	);
}

/** The error summary of a form: each field in error, linked to its (first) input. */
export function FieldErrorSummary({
	errors,
	t,
	prefix,
	specOf,
}: {
	errors: FieldErrors;
	t: Translate;
	/** Namespace of the form's UI strings, for the fields' labels. */
	prefix: string;
	specOf: (field: string) => FieldSpec | undefined;
}) {
	const entries = Object.entries(errors);
	if (entries.length === 0) return null;
	const items = entries.map(([field, error]) => {
		if (field === '_form') return { text: errorText(t, error) };
		const spec = specOf(field);
		return {
			href: `#${spec ? firstInputId(spec) : field}`,
			text: `${spec ? t(composedKey(labelKey(prefix, spec))) : field} – ${errorText(t, error)}`,
		};
	});
	return <ErrorSummary title={t('error.summary')} items={items} shows={errors} />;
}

export function Section({
	id,
	title,
	children,
	hidden,
}: {
	id: string;
	title: string;
	children: ComponentChildren;
	hidden?: boolean;
}) {
	return (
		<section class="form-section" id={id} aria-labelledby={`${id}-title`} hidden={hidden}>
			<h2 id={`${id}-title`} tabindex={-1}>
				{title}
			</h2>
			{children}
		</section>
	);
}

/**
 * The honeypot: off screen and `inert` – out of the tab order, hidden from assistive technology,
 * and left alone by the browser's autofill (Chromium fills an off-screen field whose name it
 * recognises, `autocomplete="off"` or not, but no inert one). The `data-*` attributes are the
 * opt-outs 1Password, LastPass, Bitwarden and Dashlane document. Labelled "leave this field
 * empty" for anyone who meets it anyway. A form that comes back with it filled in gets the
 * question step, never a pretended success.
 */
export function Honeypot({ t }: { t: Translate }) {
	return (
		<div class="honeypot" aria-hidden="true" inert>
			<label for={CONTROL_FIELDS.honeypot}>{t('spam.honeypot')}</label>
			<input
				type="text"
				id={CONTROL_FIELDS.honeypot}
				name={CONTROL_FIELDS.honeypot}
				tabIndex={-1}
				autoComplete="off"
				defaultValue=""
				data-1p-ignore
				data-lpignore="true"
				data-bwignore
				data-form-type="other"
			/>
		</div>
	);
}
