/**
 * Server side of the forms. Each action takes the posted form as it is, validates it with the
 * shared schema and answers with a state the page renders; the page sets the HTTP status.
 */
import { ActionError, defineAction } from 'astro:actions';
import { getOffices, getSite } from '../content-queries.ts';
import { concernSchema, type ConcernSection } from '../lib/concern-schema.ts';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.ts';
import { formValues, type FormValues } from '../lib/form-values.ts';
import { findOffices } from '../lib/office-routing.ts';
import { bookingSchema } from '../lib/booking-schema.ts';
import { scanPersonalData, type Finding } from '../lib/personal-data-scan.ts';
import { parseSlotId } from '../lib/slots.ts';
import { bookConsultation, bookingTokens, findBooking } from '../server/booking-intake.ts';
import { acceptConcern } from '../server/concern-intake.ts';
import { freeSlotsOf } from '../server/office-slots.ts';

export type NotifyResult =
	| { state: 'invalid'; values: FormValues; errors: FieldErrors }
	| { state: 'edit'; values: FormValues; section: string }
	| { state: 'review'; values: FormValues }
	| { state: 'accepted'; values: FormValues; reference: string }
	| { state: 'unavailable'; values: FormValues };

export type BookResult =
	| { state: 'invalid'; values: FormValues; errors: FieldErrors; findings: Finding[] }
	| { state: 'edit'; values: FormValues; findings: Finding[] }
	| { state: 'review'; values: FormValues; findings: Finding[] }
	| { state: 'taken'; values: FormValues }
	| { state: 'booked'; values: FormValues; reference: string; cancelToken: string; calendarToken: string }
	| { state: 'unavailable'; values: FormValues };

/** A form switched off in content/site.yaml accepts nothing, as if it did not exist. */
async function requireFeature(feature: 'notify' | 'consultation'): Promise<void> {
	if (!(await getSite()).features[feature]) throw new ActionError({ code: 'NOT_FOUND' });
}

export const server = {
	notify: defineAction({
		accept: 'form',
		handler: async (form): Promise<NotifyResult> => {
			await requireFeature('notify');
			const values = formValues(form, ['categories']);
			const change = form.get('_change');
			if (typeof change === 'string') return { state: 'edit', values, section: change as ConcernSection };

			const parsed = concernSchema.safeParse(values);
			if (!parsed.success) return { state: 'invalid', values, errors: fieldErrors(parsed.error.issues) };
			const concern = parsed.data;
			// The office must really serve the area: the hidden field is the visitor's to change.
			const served = findOffices(await getOffices(), concern.country, concern.area);
			const office = served.find((o) => o.id === concern.officeId && o.services.includes('notification-intake'));
			if (!office) return { state: 'invalid', values, errors: { officeId: { key: 'error.office' } } };

			if (!form.has('_confirm')) return { state: 'review', values };
			try {
				const { reference } = acceptConcern(concern);
				return { state: 'accepted', values, reference };
			} catch (error) {
				// Disk full, store unwritable…: say so plainly; never a false success. No form values in the log.
				console.error(`notify: could not store a concern: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`);
				return { state: 'unavailable', values };
			}
		},
	}),
	book: defineAction({
		accept: 'form',
		handler: async (form): Promise<BookResult> => {
			await requireFeature('consultation');
			const values = formValues(form, []);
			const findings = scanPersonalData(typeof values['description'] === 'string' ? values['description'] : '');
			if (form.has('_change')) return { state: 'edit', values, findings };

			const parsed = bookingSchema.safeParse(values);
			if (!parsed.success) return { state: 'invalid', values, errors: fieldErrors(parsed.error.issues), findings };
			const booking = parsed.data;
			const office = findOffices(await getOffices(), booking.country, booking.area).find(
				(o) => o.id === booking.officeId && o.services.includes('consultation') && o.consultationModes.includes(booking.mode),
			);
			if (!office) return { state: 'invalid', values, errors: { officeId: { key: 'error.office' } }, findings };
			// The same booking sent again (double click, retry) gets the same answer, not "taken".
			const earlier = findBooking(booking.submissionId);
			if (earlier && form.has('_confirm')) {
				const tokens = bookingTokens(earlier.id, earlier.start, earlier.end);
				return { state: 'booked', values, reference: earlier.reference, cancelToken: tokens.cancel, calendarToken: tokens.calendar };
			}
			// The slot must be one we offer right now: free, after the minimum notice, within the horizon.
			const wanted = parseSlotId(booking.slot);
			const slot = wanted && freeSlotsOf(office, Date.now()).find((s) => s.specialistId === wanted.specialistId && s.start === wanted.start);
			if (!slot) return { state: 'taken', values };
			if (findings.length > 0 && booking.personalDataConfirmed !== 'yes') {
				return { state: 'invalid', values, errors: { personalDataConfirmed: { key: 'booking.pd.advice' } }, findings };
			}
			if (!form.has('_confirm')) return { state: 'review', values, findings };
			try {
				const outcome = bookConsultation({ ...booking, specialistId: slot.specialistId, start: slot.start, end: slot.end, personalDataFindings: findings });
				if ('taken' in outcome) return { state: 'taken', values };
				const tokens = bookingTokens(booking.submissionId, slot.start, slot.end);
				return { state: 'booked', values, reference: outcome.reference, cancelToken: tokens.cancel, calendarToken: tokens.calendar };
			} catch (error) {
				console.error(`book: could not store a booking: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`);
				return { state: 'unavailable', values };
			}
		},
	}),
};
