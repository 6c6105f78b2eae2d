/**
 * The two forms' server side: what each checks besides its schema, and how it stores. Each post
 * takes the path in form-post.ts; the flow's table (lib/concern-flow.ts, lib/booking-flow.ts)
 * turns each outcome into the state the page renders, with its HTTP status.
 */
import { BOOKING_FORM } from '../../lib/booking-fields.ts';
import { BOOKING_FLOW, type BookingState } from '../../lib/booking-flow.ts';
import { bookingSchema, type Booking } from '../../lib/booking-schema.ts';
import { CONCERN_FORM } from '../../lib/concern-fields.ts';
import { CONCERN_FLOW, type ConcernState } from '../../lib/concern-flow.ts';
import { concernSchema, type Concern } from '../../lib/concern-schema.ts';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { findOffices } from '../../lib/office-routing.ts';
import { scanPersonalData, type Finding } from '../../lib/personal-data-scan.ts';
import { parseSlotId, type Slot } from '../../lib/slots.ts';
import type { Services } from '../services.ts';
import type { BookingRow } from '../store.ts';
import {
	notOurForm,
	replayed,
	type Answer,
	type Asked,
	type FormPost,
	type Outcome,
} from './form-post.ts';

export type NotifyResult = Answer<
	ConcernState,
	{
		invalid: { errors: FieldErrors };
		question: Asked;
		'question-again': Asked;
		accepted: { reference: string; token: string };
	}
>;

export type BookResult = Answer<
	BookingState,
	{
		invalid: { errors: FieldErrors };
		question: Asked;
		'question-again': Asked;
		booked: { reference: string; cancelToken: string; calendarToken: string };
	}
> & {
	/** What the personal-data check found in the description (shown without JavaScript too). */
	findings: Finding[];
};

/** An answer that refuses the office: the hidden field is the visitor's to change. */
const wrongOffice: Outcome = { event: 'invalid', errors: { officeId: { key: 'error.office' } } };

/** A stored booking's answer: its reference and the links to cancel it and to its calendar file. */
function booked(
	services: Services,
	{ id, reference, start, end }: Pick<BookingRow, 'id' | 'reference' | 'start' | 'end'>,
): Outcome {
	const tokens = services.bookings.tokens(id, start, end);
	return { event: 'stored', reference, cancelToken: tokens.cancel, calendarToken: tokens.calendar };
}

/** The answer to a booking already stored under this id: the same as the first time, not "taken". */
function earlierAnswer(services: Services, earlier: BookingRow | 'other'): Outcome {
	if (earlier === 'other') return notOurForm;
	if (earlier.status === 'cancelled') return { event: 'taken' };
	return booked(services, earlier);
}

/** The concern: the office must serve the area; stored, it is answered with a link to its confirmation. */
export const notifyPost: FormPost<Concern, undefined> = {
	name: 'notify',
	feature: 'notify',
	flow: CONCERN_FLOW,
	schema: concernSchema,
	listFields: CONCERN_FORM.listFields,
	async check(concern, { content }) {
		const served = findOffices(content.offices, concern.country, concern.area);
		return served.some(
			(o) => o.id === concern.officeId && o.services.includes('notification-intake'),
		)
			? { pass: undefined }
			: wrongOffice;
	},
	async store(concern, _checked, token, { services }) {
		const accepted = await services.concerns.accept(concern, token);
		if ('replayed' in accepted) return replayed(services, token.via);
		const link = services.confirmations.token({
			submissionId: concern.submissionId,
			reference: accepted.reference,
			officeId: concern.officeId,
		});
		return { event: 'stored', reference: accepted.reference, token: link };
	},
};

/** The booking: the office must offer this consultation here, and the slot must still be free. */
export const bookPost: FormPost<Booking, Slot> = {
	name: 'book',
	feature: 'consultation',
	flow: BOOKING_FLOW,
	schema: bookingSchema,
	listFields: BOOKING_FORM.listFields,
	annotate: (values) => ({
		findings: scanPersonalData(
			typeof values['description'] === 'string' ? values['description'] : '',
		),
	}),
	async check(booking, { services, content, confirmed }) {
		const office = findOffices(content.offices, booking.country, booking.area).find(
			(o) =>
				o.id === booking.officeId &&
				o.services.includes('consultation') &&
				o.consultationModes.includes(booking.mode),
		);
		if (!office) return wrongOffice;
		// The same booking sent again (double click, retry) gets the same answer, not "taken".
		const earlier = await services.bookings.earlier(booking);
		if (earlier === 'other' || (earlier && confirmed)) return earlierAnswer(services, earlier);
		// The slot must be one we offer right now: free, after the minimum notice, within the horizon.
		const wanted = parseSlotId(booking.slot);
		const slot =
			wanted &&
			(await services.freeSlots(office, Date.now())).find(
				(s) => s.specialistId === wanted.specialistId && s.start === wanted.start,
			);
		return slot ? { pass: slot } : { event: 'taken' };
	},
	async store(booking, slot, token, { services, client }) {
		const findings = scanPersonalData(booking.description ?? '');
		const outcome = await services.bookings.book(
			{
				...booking,
				specialistId: slot.specialistId,
				start: slot.start,
				end: slot.end,
				personalDataFindings: findings,
			},
			client,
			token,
		);
		if ('taken' in outcome) return { event: 'taken' };
		if ('limited' in outcome) {
			const { config } = services;
			const errors: FieldErrors =
				outcome.limited === 'email'
					? {
							reporterEmail: {
								key: 'error.bookingLimitEmail',
								vars: { count: config.BOOKINGS_PER_EMAIL },
							},
						}
					: {
							_form: {
								key: 'error.bookingLimitAddress',
								vars: { count: config.BOOKINGS_PER_ADDRESS },
							},
						};
			return { event: 'invalid', errors };
		}
		if ('replayed' in outcome) return replayed(services, token.via);
		// Stored a moment ago by the same id sent in parallel: answer as for any repeat.
		if (!outcome.created)
			return earlierAnswer(services, (await services.bookings.earlier(booking)) ?? 'other');
		return booked(services, {
			id: booking.submissionId,
			reference: outcome.reference,
			start: slot.start,
			end: slot.end,
		});
	},
};
