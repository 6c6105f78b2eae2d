/**
 * "Check your booking": the time and place, the answers as the registry lists them, and the
 * answers again as hidden fields for "Change" and "Book". Rendered on the server only.
 */
import { BOOKING_FORM } from '../../lib/booking-fields.ts';
import { CONTROL_FIELDS } from '../../lib/control-fields.ts';
import { answerRows } from '../../lib/field-spec.ts';
import type { FormValues } from '../../lib/form-values.ts';
import { CheckAnswers } from '../../islands/check-answers.tsx';
import type { Translate } from '../../lib/translate.ts';
import BookingSummary, { type BookingFacts } from './BookingSummary.tsx';

/** The fields a professional answers (the confirmation box is no answer to show back). */
const ASKED = BOOKING_FORM.fields.filter((f) => f.step);

export default function BookingReview({
	t,
	action,
	progress,
	facts,
	values,
	carry,
}: {
	t: Translate;
	action: string;
	progress: string;
	facts: BookingFacts;
	values: FormValues;
	/** Control fields carried from the post (start time, solution, honeypot). */
	carry: Record<string, string>;
}) {
	const hidden = Object.entries({ ...values, ...carry }).flatMap(([name, value]) =>
		(Array.isArray(value) ? value : [value]).map((v) => [name, v] as const),
	);
	return (
		<form method="post" action={action} class="review">
			<p class="progress">{progress}</p>
			<CheckAnswers
				title={t('booking.check.title')}
				autofocus
				groups={[
					{
						lead: <BookingSummary t={t} {...facts} />,
						rows: answerRows(t, 'notify', ASKED, values),
					},
				]}
			/>
			{hidden.map(([name, value]) => (
				<input type="hidden" name={name} value={value} />
			))}
			<div class="form-actions">
				<button
					type="submit"
					name={CONTROL_FIELDS.change}
					value="you"
					class="button button--secondary"
				>
					{t('notify.check.change')}
				</button>
				<button type="submit" name={CONTROL_FIELDS.confirm} value="1" class="button">
					{t('booking.send')}
				</button>
			</div>
		</form>
	);
}
