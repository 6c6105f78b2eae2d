/**
 * "About you" and the optional description of a consultation booking. The personal-data check
 * runs as the person types (and again on the server, which is the authority): when the text
 * seems to contain an e-mail address, a phone number, a date of birth, an address, an identity
 * number or a name, a warning lists what was found and asks to correct the text or confirm it.
 * Without JavaScript the same warning comes back from the server after sending. Before sending,
 * the island checks the answers with the server's schema, so a mistake is shown at once.
 */
import { useRef, useState } from 'preact/hooks';
import { BOOKING_FORM } from '../lib/booking-fields.ts';
import { bookingSchema } from '../lib/booking-schema.ts';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.ts';
import { formValues, type FormValues } from '../lib/form-values.ts';
import type { Locale } from '../lib/locales.ts';
import { scanPersonalData, type Finding } from '../lib/personal-data-scan.ts';
import { composedKey, createTranslator, type UiStrings } from '../lib/translate.ts';
import { Field, FieldErrorSummary, Honeypot } from './form-fields.tsx';
import { holdForProof, ProofStatus, useProofOfWork } from './proof-of-work.ts';

export interface BookingFormProps {
	strings: Partial<UiStrings>;
	locale: Locale;
	action: string;
	/** Chosen in the earlier steps: id, locale, country, area, office, mode and slot. */
	fixed: Record<string, string>;
	values: FormValues;
	errors: FieldErrors;
	/** What the server's check found (shown without JavaScript too). */
	findings: Finding[];
}

export default function BookingForm({
	strings,
	locale,
	action,
	fixed,
	values,
	errors: serverErrors,
	findings: serverFindings,
}: BookingFormProps) {
	const t = createTranslator(locale, strings);
	const form = useRef<HTMLFormElement>(null);
	const [findings, setFindings] = useState<Finding[]>(serverFindings);
	const [errors, setErrors] = useState<FieldErrors>(serverErrors);
	const pow = useProofOfWork();

	function onSubmit(event: SubmitEvent) {
		const result = bookingSchema.safeParse(
			formValues(new FormData(form.current!), BOOKING_FORM.listFields),
		);
		if (result.success) {
			holdForProof(event, pow);
			return;
		}
		event.preventDefault();
		setErrors(fieldErrors(result.error.issues));
	}

	return (
		<form
			ref={form}
			method="post"
			action={action}
			class="booking-form"
			noValidate
			onSubmit={onSubmit}
		>
			{Object.entries(fixed).map(([name, value]) => (
				<input type="hidden" name={name} value={value} />
			))}
			<input type="hidden" name={CONTROL_FIELDS.pow} value={pow.payload} />
			<Honeypot t={t} />
			<FieldErrorSummary errors={errors} t={t} prefix="notify" specOf={BOOKING_FORM.spec} />
			<section class="form-section" aria-labelledby="section-you-title">
				<h2 id="section-you-title">{t('booking.you.title')}</h2>
				<p class="hint">{t('booking.you.hint')}</p>
				{BOOKING_FORM.inStep('you').map((spec) => (
					<Field
						spec={spec}
						prefix="notify"
						t={t}
						value={values[spec.name]}
						error={errors[spec.name]}
					/>
				))}
			</section>
			<section class="form-section" aria-labelledby="section-description-title">
				<h2 id="section-description-title">{t('booking.situation.title')}</h2>
				<div
					onInput={(e) => setFindings(scanPersonalData((e.target as HTMLTextAreaElement).value))}
				>
					{BOOKING_FORM.inStep('situation').map((spec) => (
						<Field
							spec={spec}
							prefix="notify"
							t={t}
							value={values[spec.name]}
							error={errors[spec.name]}
						/>
					))}
				</div>
				<div aria-live="polite">
					{findings.length > 0 && (
						<div
							class={`panel panel--warning${errors['personalDataConfirmed'] ? ' field--error' : ''}`}
							id="personal-data-warning"
						>
							<h3>{t('booking.pd.title')}</h3>
							<p>{t('booking.pd.intro')}</p>
							<ul>
								{findings.map((f) => (
									<li>{t(composedKey(`booking.pd.${f}`))}</li>
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
									aria-describedby={
										errors['personalDataConfirmed'] ? 'personalDataConfirmed-error' : undefined
									}
								/>
								<label for="personalDataConfirmed">{t('booking.pd.confirm')}</label>
							</div>
						</div>
					)}
				</div>
			</section>
			<ProofStatus pow={pow} text={t('notify.pow.waiting')} />
			<div class="form-actions">
				<button type="submit" name={CONTROL_FIELDS.review} value="1" class="button">
					{t('notify.check.review')}
				</button>
			</div>
		</form>
	);
}
