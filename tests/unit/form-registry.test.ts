import type { Translate } from '../../src/lib/translate.ts';
import { describe, expect, it } from 'vitest';
import { BOOKING_FORM } from '../../src/lib/booking-fields.ts';
import { BOOKING_FLOW, bookingView } from '../../src/lib/booking-flow.ts';
import { bookingSchema } from '../../src/lib/booking-schema.ts';
import { CONCERN_FORM } from '../../src/lib/concern-fields.ts';
import { CONCERN_FLOW, concernView } from '../../src/lib/concern-flow.ts';
import { CONCERN_FIXED, concernSchema } from '../../src/lib/concern-schema.ts';
import { answerRows, labelKey } from '../../src/lib/field-spec.ts';
import { fieldErrors } from '../../src/lib/form-errors.ts';
import { UI_KEYS } from '../../src/lib/ui-keys.ts';

const forms = {
	concern: { registry: CONCERN_FORM, prefix: 'notify' },
	booking: { registry: BOOKING_FORM, prefix: 'notify' },
};

describe.each(Object.entries(forms))('the %s form registry', (_name, { registry, prefix }) => {
	it('names UI strings that exist: every label, hint and option', () => {
		const keys = registry.fields.flatMap((f) => [
			labelKey(prefix, f),
			...(f.hint ? [`${f.prefix ?? prefix}.${f.name}.hint`] : []),
			...(f.options ?? []).map((o) => `${f.optionPrefix}.${o}`),
		]);
		expect(keys.filter((k) => !(UI_KEYS as readonly string[]).includes(k))).toEqual([]);
	});

	it('marks a field "(optional)" exactly when its rule lets it be empty (a field asked only in some cases aside)', () => {
		for (const field of registry.fields.filter((f) => f.step && !f.showIf)) {
			const rule = registry.rules[field.name as keyof typeof registry.rules] as {
				safeParse(v: unknown): { success: boolean };
			};
			expect({
				field: field.name,
				emptyAllowed: rule.safeParse(field.kind === 'checkboxes' ? [] : '').success,
			}).toEqual({ field: field.name, emptyAllowed: field.optional === true });
		}
	});

	it('lists every step in order, each with fields, and the list fields for formValues', () => {
		expect(registry.steps.every((s) => registry.inStep(s as never).length > 0)).toBe(true);
		expect(registry.listFields).toEqual(
			registry.fields.filter((f) => f.kind === 'checkboxes').map((f) => f.name),
		);
	});
});

describe('schemas derived from the registries', () => {
	it('know exactly the fixed fields and the registered ones, no more', () => {
		expect(Object.keys(concernSchema.shape)).toEqual([
			...Object.keys(CONCERN_FIXED),
			...CONCERN_FORM.fields.map((f) => f.name),
		]);
		expect(Object.keys(bookingSchema.shape).slice(-BOOKING_FORM.fields.length)).toEqual(
			BOOKING_FORM.fields.map((f) => f.name),
		);
	});

	it('a booking whose description looks like personal data needs the confirmation, asked once the rest is valid', () => {
		const booking = {
			submissionId: '7d1b0c52-3c0e-4a5e-8f61-5b8f6c9e2a10',
			locale: 'de',
			country: 'DE',
			area: '07743',
			officeId: 'de-musterstadt',
			mode: 'phone',
			slot: 'beispiel@2026-12-01T08:00:00.000Z',
			reporterName: 'Erika Muster',
			reporterRole: 'Erzieherin',
			reporterOrganisation: 'Kita',
			reporterEmail: 'erika@example.org',
			reporterPhone: '+49 30 23125 555',
			description: 'Schreiben Sie an mail@example.org',
		};
		const errors = (values: Record<string, string>) => {
			const result = bookingSchema.safeParse(values);
			return result.success ? {} : fieldErrors(result.error.issues);
		};
		expect(errors(booking)).toEqual({ personalDataConfirmed: { key: 'booking.pd.required' } });
		expect(errors({ ...booking, personalDataConfirmed: 'yes' })).toEqual({});
		expect(
			errors({
				...booking,
				description: 'Ein Kind in der dritten Klasse wirkt seit Wochen verängstigt.',
			}),
		).toEqual({});
		expect(errors({ ...booking, reporterEmail: 'no' })).toEqual({
			reporterEmail: { key: 'error.email' },
		});
	});

	it('shows answers back with option labels, "not known" for nothing, and only the fields that apply', () => {
		const t = ((key: string) => key) as Translate;
		const rows = answerRows(t, 'notify', CONCERN_FORM.inStep('parents'), {
			parentsTold: 'yes',
			notToldReason: '',
			notToldDetails: '',
		});
		expect(rows).toEqual([
			['notify.parentsTold.legend', 'notify.parentsTold.yes'],
			['notify.notToldDetails.label', 'notify.notKnown'],
		]);
	});
});

describe('the flows', () => {
	it('answer a refused answer with 400, a taken slot with 409, a store that failed with 503, a stored concern with a redirect', () => {
		expect(CONCERN_FLOW.states[CONCERN_FLOW.on.invalid].status).toBe(400);
		expect(CONCERN_FLOW.states[CONCERN_FLOW.on.askAgain].status).toBe(400);
		expect(CONCERN_FLOW.states[CONCERN_FLOW.on.failed].status).toBe(503);
		expect(CONCERN_FLOW.states[CONCERN_FLOW.on.stored]).toEqual({ view: 'sent', status: 303 });
		expect(BOOKING_FLOW.states[BOOKING_FLOW.on.taken!]).toEqual({ view: 'slots', status: 409 });
		expect(BOOKING_FLOW.states[BOOKING_FLOW.on.stored]).toEqual({ view: 'booked', status: 200 });
	});

	it('choose the view from the query before a post and from the state after', () => {
		expect(concernView(undefined, { danger: null, officeChosen: false })).toBe('danger');
		expect(concernView(undefined, { danger: 'yes', officeChosen: true })).toBe('danger');
		expect(concernView(undefined, { danger: 'no', officeChosen: false })).toBe('where');
		expect(concernView(undefined, { danger: 'no', officeChosen: true })).toBe('form');
		expect(concernView('review', { danger: null, officeChosen: false })).toBe('review');
		expect(bookingView(undefined, { modeChosen: false, slot: 'none' })).toBe('where');
		expect(bookingView(undefined, { modeChosen: true, slot: 'none' })).toBe('slots');
		expect(bookingView(undefined, { modeChosen: true, slot: 'gone' })).toBe('slots');
		expect(bookingView(undefined, { modeChosen: true, slot: 'free' })).toBe('form');
		expect(bookingView('question-again', { modeChosen: true, slot: 'free' })).toBe('question');
	});
});
