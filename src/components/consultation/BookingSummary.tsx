/**
 * When, how, where and with whom: shown while booking, on "check your booking", on the
 * confirmation and when cancelling. Once booked (`reference` given), a video consultation shows
 * its link. Rendered on the server only.
 */
import { consultationHow } from '../../lib/consultation-how.ts';
import type { Office, Specialist } from '../../lib/content-schemas.ts';
import type { SlotText } from '../../lib/slot-format.ts';
import { SummaryList, type SummaryRow } from '../../islands/check-answers.tsx';
import type { Translate } from '../../lib/translate.ts';

export interface BookingFacts {
	office: Office;
	specialist: Specialist | undefined;
	mode: string;
	when: SlotText;
	reference?: string | undefined;
}

export default function BookingSummary({
	t,
	office,
	specialist,
	mode,
	when,
	reference,
}: BookingFacts & { t: Translate }) {
	const how = consultationHow(t, mode, office, specialist, { reader: 'professional', reference });
	const rows: SummaryRow[] = [
		[
			t('booking.check.when'),
			<>
				{when.date}, {when.time} <span class="hint">({when.zone})</span>
			</>,
		],
		[
			t('booking.check.mode'),
			<>
				{how.text}
				{how.link && (
					<>
						<br />
						<a href={how.link}>{how.link}</a>
					</>
				)}
			</>,
		],
		[t('booking.check.office'), `${office.name}, ${office.phone}`],
	];
	if (specialist) rows.push([t('booking.check.specialist'), specialist.name]);
	return <SummaryList rows={rows} class="booking-summary" />;
}
