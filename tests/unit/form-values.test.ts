import { describe, expect, it } from 'vitest';
import { dateParts, formValues } from '../../src/lib/form-values.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { concernSchema } from '../../src/lib/concern-schema.ts';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of entries) data.append(k, v);
	return data;
};

describe('formValues', () => {
	it('joins a date asked in three boxes into one answer the schema reads', () => {
		const values = formValues(
			form([
				['childBirthDate-day', '7'],
				['childBirthDate-month', '3'],
				['childBirthDate-year', '2019'],
				['childAge', ''],
			]),
			[],
		);
		expect(values).toEqual({ childBirthDate: '2019-03-07', childAge: '' });
		expect(concernSchema.shape.childBirthDate.safeParse(values['childBirthDate']).success).toBe(
			true,
		);
	});

	it('takes three empty boxes for no answer, and keeps a partial or wrong date as typed so it is reported', () => {
		expect(
			formValues(
				form([
					['d-day', ''],
					['d-month', ' '],
					['d-year', ''],
				]),
				[],
			),
		).toEqual({ d: '' });
		const partial = formValues(
			form([
				['d-day', '31'],
				['d-month', ''],
				['d-year', '2019'],
			]),
			[],
		);
		expect(partial).toEqual({ d: '2019--31' });
		expect(dateParts(partial['d'])).toEqual({ day: '31', month: '', year: '2019' });
		expect(concernSchema.shape.childBirthDate.safeParse('2019-02-31').success).toBe(false);
	});

	it('reads a date posted as one field too (the check-your-answers page sends it so)', () => {
		expect(formValues(form([['childBirthDate', '2019-03-07']]), [])).toEqual({
			childBirthDate: '2019-03-07',
		});
		expect(dateParts('2019-03-07')).toEqual({ day: '07', month: '03', year: '2019' });
		expect(dateParts(undefined)).toEqual({ day: '', month: '', year: '' });
	});

	it('leaves out control fields and the honeypot, and lists list fields', () => {
		expect(
			formValues(
				form([
					[CONTROL_FIELDS.confirm, '1'],
					[CONTROL_FIELDS.honeypot, 'x'],
					['a', '1'],
					['categories', 'neglect'],
					['categories', 'other'],
				]),
				['categories', 'empty'],
			),
		).toEqual({
			a: '1',
			categories: ['neglect', 'other'],
			empty: [],
		});
	});
});
