/**
 * The concern form. On the server it renders every section at once (or the "check your
 * answers" page), which is the whole form for a browser without JavaScript. Once hydrated it
 * shows one section per step with a progress indicator, checks each step with the shared
 * schema before moving on, and keeps a draft in this tab's sessionStorage only. Sending is
 * always a normal form post: the server validates again and is the authority.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { CONCERN_FORM, CONCERN_STEPS, type ConcernStep } from '../lib/concern-fields.ts';
import { CONCERN_PROGRESS } from '../lib/concern-flow.ts';
import { concernSchema } from '../lib/concern-schema.ts';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';
import { answerRows } from '../lib/field-spec.ts';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.ts';
import { formValues, type FormValues } from '../lib/form-values.ts';
import { DRAFT_KEY } from '../lib/concern-draft.ts';
import type { Locale } from '../lib/locales.ts';
import { composedKey, createTranslator, type Translate, type UiStrings } from '../lib/translate.ts';
import { CheckAnswers, SummaryList } from './check-answers.tsx';
import { Field, FieldErrorSummary, Honeypot, Section } from './form-fields.tsx';
import { holdForProof, ProofStatus, useProofOfWork } from './proof-of-work.ts';

type Step = ConcernStep;
/** What the island shows: a step, or the check page; kept in each history entry. */
interface View {
	step: number;
	reviewing: boolean;
	returnToReview: boolean;
}
const HISTORY_KEY = 'concernForm';
const STEPS = CONCERN_STEPS;

export interface ConcernFormProps {
	/** UI strings the form needs (notify.*, error.*), already in the visitor's language. */
	strings: Partial<UiStrings>;
	locale: Locale;
	/** Where the form posts (the page with the action). */
	action: string;
	/** Fixed by the earlier steps: id, locale, country, area and office. */
	fixed: Record<string, string>;
	officeName: string;
	values: FormValues;
	errors: FieldErrors;
	/** `review`: the server checked the answers and shows them for confirmation. */
	stage: 'form' | 'review';
}

export default function ConcernForm({
	strings,
	locale,
	action,
	fixed,
	officeName,
	values: initial,
	errors: serverErrors,
	stage,
}: ConcernFormProps) {
	const t = createTranslator(locale, strings);
	const form = useRef<HTMLFormElement>(null);
	const [enhanced, setEnhanced] = useState(false);
	const [step, setStep] = useState(0);
	const [reviewing, setReviewing] = useState(stage === 'review');
	const [values, setValues] = useState<FormValues>(initial);
	const [errors, setErrors] = useState<FieldErrors>(serverErrors);
	const [formKey, setFormKey] = useState(0);
	const [sending, setSending] = useState(false);
	const pow = useProofOfWork();
	// After "Change" on the check page, Continue returns there instead of walking on through every step.
	const [returnToReview, setReturnToReview] = useState(false);
	/** How many of this tab's history entries above the page are the island's own steps. */
	const depth = useRef(0);

	/**
	 * Shows a step (or the check page). `push` adds it to the browser's history, `replace`
	 * changes the current entry, `popped`: the browser went there with Back or Forward.
	 */
	function show(view: View, how: 'push' | 'replace' | 'popped') {
		setStep(view.step);
		setReviewing(view.reviewing);
		setReturnToReview(view.returnToReview);
		setErrors({});
		if (how === 'push') depth.current++;
		if (how !== 'popped')
			history[how === 'push' ? 'pushState' : 'replaceState'](
				{ ...history.state, [HISTORY_KEY]: { ...view, depth: depth.current } },
				'',
			);
		focusHeading(view.reviewing ? 'review' : STEPS[view.step]!);
	}

	// Each step is an entry in the browser's history, so its Back button goes to the previous
	// step (and from the check page to the last step) instead of leaving the form.
	useEffect(() => {
		const onPop = (event: PopStateEvent) => {
			const view = (event.state as Record<string, View & { depth: number }> | null)?.[HISTORY_KEY];
			if (!view) return;
			depth.current = view.depth;
			show(view, 'popped');
		};
		addEventListener('popstate', onPop);
		return () => removeEventListener('popstate', onPop);
	}, []);

	useEffect(() => {
		setEnhanced(true);
		const firstError = Object.keys(serverErrors)[0];
		// An error in a field of the earlier steps (the office) shows on the first step.
		const start = firstError
			? Math.max(
					0,
					STEPS.findIndex((s) => s === CONCERN_FORM.spec(firstError)?.step),
				)
			: 0;
		history.replaceState(
			{
				...history.state,
				[HISTORY_KEY]: {
					step: start,
					reviewing: stage === 'review',
					returnToReview: false,
					depth: 0,
				},
			},
			'',
		);
		if (firstError) {
			setStep(start);
			return;
		}
		if (stage === 'form' && Object.keys(initial).every((k) => !initial[k]?.length)) {
			const draft = sessionStorage.getItem(DRAFT_KEY);
			if (draft) {
				setValues(JSON.parse(draft) as FormValues);
				setFormKey((k) => k + 1); // re-render the inputs with the draft as their defaults
			}
		}
	}, []);

	function read(): FormValues {
		return formValues(new FormData(form.current!), CONCERN_FORM.listFields);
	}

	function onInput() {
		const current = read();
		setValues(current);
		const answers = Object.fromEntries(Object.entries(current).filter(([k]) => !(k in fixed)));
		sessionStorage.setItem(DRAFT_KEY, JSON.stringify(answers));
	}

	function check(fields: readonly string[]): FieldErrors {
		const result = concernSchema.safeParse(read());
		const all = result.success ? {} : fieldErrors(result.error.issues);
		return Object.fromEntries(Object.entries(all).filter(([field]) => fields.includes(field)));
	}

	function focusHeading(id: string) {
		requestAnimationFrame(() => document.getElementById(`section-${id}-title`)?.focus());
	}

	function next() {
		const stepErrors = check(CONCERN_FORM.inStep(STEPS[step]!).map((f) => f.name));
		setErrors(stepErrors);
		if (Object.keys(stepErrors).length > 0) return;
		const last = step + 1 >= STEPS.length;
		show(
			returnToReview || last
				? { step, reviewing: true, returnToReview: false }
				: { step: step + 1, reviewing: false, returnToReview: false },
			'push',
		);
	}

	function back() {
		// The same as the browser's Back button while the previous step is in the history.
		if (depth.current > 0) history.back();
		else
			show(
				{ step: reviewing ? step : Math.max(0, step - 1), reviewing: false, returnToReview: false },
				'replace',
			);
	}

	function change(target: Step) {
		show({ step: STEPS.indexOf(target), reviewing: false, returnToReview: true }, 'push');
	}

	function onSubmit(event: SubmitEvent) {
		if (!enhanced) return;
		const submitter = event.submitter as HTMLButtonElement | null;
		if (submitter?.name === CONTROL_FIELDS.confirm) {
			// Second click while the first is on its way (or held for the proof of work): the server
			// would answer the same, but do not ask twice.
			if (sending && (event.currentTarget as HTMLFormElement).dataset['released'] !== 'true') {
				event.preventDefault();
				return;
			}
			setSending(true);
			holdForProof(event, pow);
			return;
		}
		event.preventDefault();
		if (reviewing) return;
		next();
	}

	const showReview = enhanced ? reviewing : stage === 'review';
	const currentStep = showReview ? CONCERN_PROGRESS.total : CONCERN_PROGRESS.firstStep + step;

	return (
		<form
			ref={form}
			key={formKey}
			method="post"
			action={action}
			class="concern-form"
			onInput={onInput}
			onSubmit={onSubmit}
			noValidate
		>
			{Object.entries(fixed).map(([name, value]) => (
				<input type="hidden" name={name} value={value} />
			))}
			<input type="hidden" name={CONTROL_FIELDS.pow} value={pow.payload} />
			<Honeypot t={t} />
			{enhanced && (
				<p class="progress">
					{t('notify.progress', { current: currentStep, total: CONCERN_PROGRESS.total })}
				</p>
			)}
			<FieldErrorSummary errors={errors} t={t} prefix="notify" specOf={CONCERN_FORM.spec} />

			{STEPS.map((s, index) => {
				const hidden = showReview || (enhanced && index !== step);
				// On the server's review page the answers travel as hidden fields instead.
				if (stage === 'review' && !enhanced) return null;
				return (
					<Section id={`section-${s}`} title={t(composedKey(`notify.${s}.title`))} hidden={hidden}>
						{s === 'child' && <p class="hint">{t('notify.child.hint')}</p>}
						{s === 'reporter' && <p>{t('notify.reporter.why')}</p>}
						{CONCERN_FORM.inStep(s).map((spec) => (
							<Field
								spec={spec}
								prefix="notify"
								t={t}
								value={values[spec.name]}
								error={errors[spec.name]}
								hidden={enhanced && spec.showIf ? !spec.showIf(values) : false}
							/>
						))}
					</Section>
				);
			})}

			{showReview && (
				<Review
					t={t}
					values={values}
					officeName={officeName}
					enhanced={enhanced}
					action={action}
					onChange={change}
				/>
			)}
			{stage === 'review' && !enhanced && <HiddenAnswers values={values} />}

			<ProofStatus pow={pow} text={t('notify.pow.waiting')} />
			<div class="form-actions">
				{enhanced && (step > 0 || showReview) && (
					<button type="button" class="button button--secondary" onClick={back}>
						{t('notify.back')}
					</button>
				)}
				{showReview ? (
					<button
						type="submit"
						name={CONTROL_FIELDS.confirm}
						value="1"
						class="button"
						aria-disabled={sending ? 'true' : undefined}
					>
						{t('notify.send')}
					</button>
				) : (
					<button type="submit" name={CONTROL_FIELDS.review} value="1" class="button">
						{enhanced && step < STEPS.length - 1 ? t('notify.continue') : t('notify.check.review')}
					</button>
				)}
			</div>
			<p class="hint">{t('notify.draftNote')}</p>
		</form>
	);
}

/** The answers of a step as a reader sees them. */
const stepRows = (t: Translate, step: Step, values: FormValues) =>
	answerRows(t, 'notify', CONCERN_FORM.inStep(step), values);

/** The answers, section by section: the printable copy on the confirmation page. */
export function AnswersSummary({ t, values }: { t: Translate; values: FormValues }) {
	return (
		<>
			{STEPS.map((s) => (
				<>
					<h3>{t(composedKey(`notify.${s}.title`))}</h3>
					<SummaryList rows={stepRows(t, s, values)} />
				</>
			))}
		</>
	);
}

function Review({
	t,
	values,
	officeName,
	enhanced,
	action,
	onChange,
}: {
	t: Translate;
	values: FormValues;
	officeName: string;
	enhanced: boolean;
	action: string;
	onChange: (step: Step) => void;
}) {
	const change = (s: Step) => {
		const label = (
			<>
				{t('notify.check.change')}
				<span class="visually-hidden"> – {t(composedKey(`notify.${s}.title`))}</span>
			</>
		);
		return enhanced ? (
			<button type="button" class="link-button" onClick={() => onChange(s)}>
				{label}
			</button>
		) : (
			<button
				type="submit"
				class="link-button"
				name={CONTROL_FIELDS.change}
				value={s}
				formAction={`${action}#section-${s}`}
				formNoValidate
			>
				{label}
			</button>
		);
	};
	return (
		<CheckAnswers
			title={t('notify.check.title')}
			groups={STEPS.map((s) => ({
				title: t(composedKey(`notify.${s}.title`)),
				rows: stepRows(t, s, values),
				change: change(s),
			}))}
		>
			<p>
				<strong>{t('notify.check.recipient', { office: officeName })}</strong>
			</p>
			<p>{t('notify.check.next')}</p>
		</CheckAnswers>
	);
}

function HiddenAnswers({ values }: { values: FormValues }) {
	return (
		<>
			{Object.entries(values).flatMap(([name, value]) =>
				(Array.isArray(value) ? value : [value]).map((v) => (
					<input type="hidden" name={name} value={v} />
				)),
			)}
		</>
	);
}
