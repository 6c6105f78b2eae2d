/**
 * "About you" and the optional description of a consultation booking. The personal-data check
 * runs as the person types (and again on the server, which is the authority): when the text
 * seems to contain an e-mail address, a phone number, a date of birth, an address, an identity
 * number or a name, a warning lists what was found and asks to correct the text or confirm it.
 * Without JavaScript the same warning comes back from the server after sending.
 */
import { useState } from 'preact/hooks';
import type { FieldSpec } from '../lib/field-spec.ts';
import type { FieldErrors } from '../lib/form-errors.ts';
import type { FormValues } from '../lib/form-values.ts';
import { interpolate } from '../lib/interpolate.ts';
import { scanPersonalData, type Finding } from '../lib/personal-data-scan.ts';
import { ErrorSummary, Field, firstInputId, Honeypot, type Text } from './form-fields.tsx';
import { holdForProof, POW_FIELD, ProofStatus, useProofOfWork } from './proof-of-work.ts';

const YOU: FieldSpec[] = [
	{ name: 'reporterName', kind: 'text', autocomplete: 'name' },
	{ name: 'reporterRole', kind: 'text', hint: true, autocomplete: 'organization-title' },
	{ name: 'reporterOrganisation', kind: 'text', autocomplete: 'organization' },
	{ name: 'reporterEmail', kind: 'email', autocomplete: 'email' },
	{ name: 'reporterPhone', kind: 'tel', autocomplete: 'tel' },
];
const DESCRIPTION: FieldSpec = { name: 'description', kind: 'textarea', optional: true, hint: true };

export interface BookingFormProps {
	strings: Record<string, string>;
	action: string;
	/** Chosen in the earlier steps: id, locale, country, area, office, mode and slot. */
	fixed: Record<string, string>;
	values: FormValues;
	errors: FieldErrors;
	/** What the server's check found (shown without JavaScript too). */
	findings: Finding[];
}

export default function BookingForm({ strings, action, fixed, values, errors, findings: serverFindings }: BookingFormProps) {
	const t: Text = (key, vars = {}) => interpolate(strings[key] ?? key, vars);
	const [findings, setFindings] = useState<Finding[]>(serverFindings);
	const pow = useProofOfWork();
	const labelOf = (name: string) =>
		name === 'description' ? t('booking.description.label') : name === 'personalDataConfirmed' ? t('booking.pd.title') : t(`notify.${name}.label`);

	return (
		<form method="post" action={action} class="booking-form" noValidate onSubmit={(event) => holdForProof(event, pow)}>
			{Object.entries(fixed).map(([name, value]) => (
				<input type="hidden" name={name} value={value} />
			))}
			<input type="hidden" name={POW_FIELD} value={pow.payload} />
			<Honeypot t={t} />
			<ErrorSummary errors={errors} t={t} labelOf={labelOf} firstInputOf={(field) => (field === 'personalDataConfirmed' ? 'personalDataConfirmed' : firstInputId({ name: field, kind: 'text' }))} />
			<section class="form-section" aria-labelledby="section-you-title">
				<h2 id="section-you-title">{t('booking.you.title')}</h2>
				<p class="hint">{t('booking.you.hint')}</p>
				{YOU.map((spec) => (
					<Field spec={spec} prefix="notify" t={t} value={values[spec.name]} error={errors[spec.name]} />
				))}
			</section>
			<section class="form-section" aria-labelledby="section-description-title">
				<h2 id="section-description-title">{t('booking.situation.title')}</h2>
				<div onInput={(e) => setFindings(scanPersonalData((e.target as HTMLTextAreaElement).value))}>
					<Field spec={DESCRIPTION} prefix="booking" t={t} value={values['description']} error={errors['description']} />
				</div>
				<div aria-live="polite">
					{findings.length > 0 && (
						<div class={`panel panel--warning${errors['personalDataConfirmed'] ? ' field--error' : ''}`} id="personal-data-warning">
							<h3>{t('booking.pd.title')}</h3>
							<p>{t('booking.pd.intro')}</p>
							<ul>
								{findings.map((f) => (
									<li>{t(`booking.pd.${f}`)}</li>
								))}
							</ul>
							<p>{t('booking.pd.advice')}</p>
							{errors['personalDataConfirmed'] && (
								<p id="personalDataConfirmed-error" class="field-error">
									<span class="visually-hidden">{t('error.prefix')} </span>
									{t(errors['personalDataConfirmed'].key)}
								</p>
							)}
							<div class="choice">
								<input
									type="checkbox"
									id="personalDataConfirmed"
									name="personalDataConfirmed"
									value="yes"
									defaultChecked={values['personalDataConfirmed'] === 'yes'}
									aria-describedby={errors['personalDataConfirmed'] ? 'personalDataConfirmed-error' : undefined}
								/>
								<label for="personalDataConfirmed">{t('booking.pd.confirm')}</label>
							</div>
						</div>
					)}
				</div>
			</section>
			<ProofStatus pow={pow} text={t('notify.pow.waiting')} />
			<div class="form-actions">
				<button type="submit" name="_review" value="1" class="button">
					{t('notify.check.review')}
				</button>
			</div>
		</form>
	);
}
