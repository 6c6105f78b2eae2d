/**
 * Server side of the forms. Each action takes the posted form as it is, validates it with the
 * shared schema and answers with a state the page renders; the page sets the HTTP status.
 */
import { ActionError, defineAction } from 'astro:actions';
import { getOffices, getSite, getUiStrings } from '../content-queries.ts';
import { concernSchema, type ConcernSection } from '../lib/concern-schema.ts';
import { fieldErrors, type FieldErrors } from '../lib/form-errors.ts';
import { formValues, type FormValues } from '../lib/form-values.ts';
import { findOffices } from '../lib/office-routing.ts';
import { bookingSchema } from '../lib/booking-schema.ts';
import { scanPersonalData, type Finding } from '../lib/personal-data-scan.ts';
import { parseSlotId } from '../lib/slots.ts';
import type { BookingRow } from '../server/store.ts';
import { clientOf, servicesOf, type Services } from '../server/services.ts';
import { GUARD_FIELDS, type Question, type Verdict } from '../server/spam-guard.ts';
import type { Locale } from '../lib/locales.ts';

/**
 * Control fields a page sends back as they came: when the form was first shown, the solved
 * challenge, and a filled-in honeypot (so a review step in between does not wash it out).
 */
export type Carried = Record<string, string>;
/** The question step, for a visitor without JavaScript, whose solution did not count, or whose form is suspect. */
export type Ask = { state: 'question'; question: Question; retry: boolean };

export type NotifyResult = { values: FormValues; carry: Carried } & (
	| { state: 'invalid'; errors: FieldErrors }
	| { state: 'edit'; section: string }
	| { state: 'review' }
	/** Stored and committed: the page redirects to the confirmation this token opens. */
	| { state: 'accepted'; reference: string; token: string }
	| { state: 'unavailable' }
	| Ask
);

export type BookResult = { values: FormValues; carry: Carried } & (
	| { state: 'invalid'; errors: FieldErrors; findings: Finding[] }
	| { state: 'edit'; findings: Finding[] }
	| { state: 'review'; findings: Finding[] }
	| { state: 'taken' }
	| { state: 'booked'; reference: string; cancelToken: string; calendarToken: string }
	| { state: 'unavailable' }
	| Ask
);

function carried(form: FormData): Carried {
	const carry: Carried = {};
	for (const name of [GUARD_FIELDS.started, GUARD_FIELDS.pow, GUARD_FIELDS.honeypot]) {
		const value = form.get(name);
		if (typeof value === 'string' && value !== '') carry[name] = value;
	}
	return carry;
}

/** The spam guard's verdict on a form about to be accepted, with the visitor's number words for the question step. */
async function verdict(services: Services, form: FormData, locale: Locale) {
	const words = (await getUiStrings(locale))['spam.numbers'].split(',').map((w) => w.trim());
	return services.guard.judge(form, words);
}

/**
 * The question step the guard asked for. A suspect form gets it instead of a pretended success:
 * it may be a person whose browser filled the honeypot or who pasted a prepared text, and a
 * confirmation for something not stored is the worst answer there is. The log names the
 * suspicion, never a value.
 */
function asked(action: 'notify' | 'book', guard: Extract<Verdict, { kind: 'ask' }>, values: FormValues, carry: Carried): Ask & { values: FormValues; carry: Carried } {
	if (guard.suspicion) console.log(`${action}: question step for a suspect form (${guard.suspicion})`);
	return { state: 'question', values, carry, question: guard.question, retry: guard.retry };
}

/** A solution or answer another submission already used: ask a (new) question instead. */
const replayed = (services: Services, via: 'pow' | 'question') => ({ state: 'question' as const, question: services.guard.newQuestion(), retry: via === 'question' });

/** A form switched off in content/site.yaml accepts nothing, as if it did not exist. */
async function requireFeature(feature: 'notify' | 'consultation'): Promise<void> {
	if (!(await getSite()).features[feature]) throw new ActionError({ code: 'NOT_FOUND' });
}

export const server = {
	notify: defineAction({
		accept: 'form',
		handler: async (form, context): Promise<NotifyResult> => {
			await requireFeature('notify');
			const services = servicesOf(context.locals);
			const values = formValues(form, ['categories']);
			const carry = carried(form);
			const change = form.get('_change');
			if (typeof change === 'string') return { state: 'edit', values, carry, section: change as ConcernSection };

			const parsed = concernSchema.safeParse(values);
			if (!parsed.success) return { state: 'invalid', values, carry, errors: fieldErrors(parsed.error.issues) };
			const concern = parsed.data;
			// The office must really serve the area: the hidden field is the visitor's to change.
			const served = findOffices(await getOffices(), concern.country, concern.area);
			const office = served.find((o) => o.id === concern.officeId && o.services.includes('notification-intake'));
			if (!office) return { state: 'invalid', values, carry, errors: { officeId: { key: 'error.office' } } };

			if (!form.has('_confirm')) return { state: 'review', values, carry };
			try {
				const guard = await verdict(services, form, concern.locale);
				if (guard.kind === 'damaged') return { state: 'invalid', values, carry, errors: { _form: { key: 'error.form' } } };
				if (guard.kind === 'ask') return asked('notify', guard, values, carry);
				const accepted = services.concerns.accept(concern, guard.token);
				if ('replayed' in accepted) return { ...replayed(services, guard.token.via), values, carry };
				const token = services.confirmations.token({ submissionId: concern.submissionId, reference: accepted.reference, officeId: office.id });
				return { state: 'accepted', values, carry, reference: accepted.reference, token };
			} catch (error) {
				// Disk full, store unwritable…: say so plainly; never a false success. No form values in the log.
				console.error(`notify: could not store a concern: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`);
				return { state: 'unavailable', values, carry };
			}
		},
	}),
	book: defineAction({
		accept: 'form',
		handler: async (form, context): Promise<BookResult> => {
			await requireFeature('consultation');
			const services = servicesOf(context.locals);
			const { bookings } = services;
			const values = formValues(form, []);
			const carry = carried(form);
			const findings = scanPersonalData(typeof values['description'] === 'string' ? values['description'] : '');
			if (form.has('_change')) return { state: 'edit', values, carry, findings };

			const parsed = bookingSchema.safeParse(values);
			if (!parsed.success) return { state: 'invalid', values, carry, errors: fieldErrors(parsed.error.issues), findings };
			const booking = parsed.data;
			const office = findOffices(await getOffices(), booking.country, booking.area).find(
				(o) => o.id === booking.officeId && o.services.includes('consultation') && o.consultationModes.includes(booking.mode),
			);
			if (!office) return { state: 'invalid', values, carry, errors: { officeId: { key: 'error.office' } }, findings };
			if (findings.length > 0 && booking.personalDataConfirmed !== 'yes') {
				return { state: 'invalid', values, carry, errors: { personalDataConfirmed: { key: 'booking.pd.required' } }, findings };
			}
			/** The answer to a booking that is already stored under this id. */
			const answerEarlier = (earlier: BookingRow | 'other'): BookResult => {
				if (earlier === 'other') return { state: 'invalid', values, carry, errors: { _form: { key: 'error.form' } }, findings };
				if (earlier.status === 'cancelled') return { state: 'taken', values, carry };
				const tokens = bookings.tokens(earlier.id, earlier.start, earlier.end);
				return { state: 'booked', values, carry, reference: earlier.reference, cancelToken: tokens.cancel, calendarToken: tokens.calendar };
			};
			try {
				// The same booking sent again (double click, retry) gets the same answer, not "taken".
				const earlier = bookings.earlier(booking);
				if (earlier === 'other' || (earlier && form.has('_confirm'))) return answerEarlier(earlier);
				// The slot must be one we offer right now: free, after the minimum notice, within the horizon.
				const wanted = parseSlotId(booking.slot);
				const slot = wanted && services.freeSlots(office, Date.now()).find((s) => s.specialistId === wanted.specialistId && s.start === wanted.start);
				if (!slot) return { state: 'taken', values, carry };
				if (!form.has('_confirm')) return { state: 'review', values, carry, findings };
				const guard = await verdict(services, form, booking.locale);
				if (guard.kind === 'damaged') return { state: 'invalid', values, carry, errors: { _form: { key: 'error.form' } }, findings };
				if (guard.kind === 'ask') return asked('book', guard, values, carry);
				const outcome = bookings.book(
					{ ...booking, specialistId: slot.specialistId, start: slot.start, end: slot.end, personalDataFindings: findings },
					clientOf(context.locals),
					guard.token,
				);
				if ('taken' in outcome) return { state: 'taken', values, carry };
				if ('limited' in outcome) {
					const { config } = services;
					const errors: FieldErrors =
						outcome.limited === 'email'
							? { reporterEmail: { key: 'error.bookingLimitEmail', vars: { count: config.BOOKINGS_PER_EMAIL } } }
							: { _form: { key: 'error.bookingLimitAddress', vars: { count: config.BOOKINGS_PER_ADDRESS } } };
					return { state: 'invalid', values, carry, errors, findings };
				}
				if ('replayed' in outcome) return { ...replayed(services, guard.token.via), values, carry };
				// Stored a moment ago by the same id sent in parallel: answer as for any repeat.
				if (!outcome.created) return answerEarlier(bookings.earlier(booking) ?? 'other');
				const tokens = bookings.tokens(booking.submissionId, slot.start, slot.end);
				return { state: 'booked', values, carry, reference: outcome.reference, cancelToken: tokens.cancel, calendarToken: tokens.calendar };
			} catch (error) {
				console.error(`book: could not store a booking: ${(error as Error).name} ${(error as NodeJS.ErrnoException).code ?? ''}`);
				return { state: 'unavailable', values, carry };
			}
		},
	}),
};
