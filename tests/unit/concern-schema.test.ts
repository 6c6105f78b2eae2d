import { describe, expect, it } from 'vitest';
import { concernSchema } from '../../src/lib/concern-schema.ts';
import { fieldErrors } from '../../src/lib/form-errors.ts';
import { formValues } from '../../src/lib/form-values.ts';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import type { UiKey } from '../../src/lib/ui-keys.ts';
import { translatorFor } from './content-files.ts';

const valid = {
	submissionId: '0b6f1c1e-8a3e-4c1e-9b8e-2f4f6a1d2c3b',
	locale: 'de',
	country: 'DE',
	area: '07743',
	officeId: 'de-musterstadt',
	childName: 'Mia Beispiel',
	childBirthDate: '',
	childAge: '6',
	childAddress: '',
	childLanguages: 'Deutsch, Arabisch',
	interpreter: 'unknown',
	observation: 'Mia kommt seit zwei Wochen ohne Frühstück.\r\nSie hat blaue Flecken am Arm.',
	observedWhen: 'seit dem 3. November',
	childWords: '',
	categories: ['neglect', 'physical'],
	urgency: 'this-week',
	actionsTaken: '',
	parentsTold: 'yes',
	notToldReason: '',
	notToldDetails: '',
	reporterName: 'Erika Muster',
	reporterRole: 'Erzieherin',
	reporterOrganisation: 'Kita Sonnenschein',
	reporterAddress: '',
	reporterEmail: 'erika@example.org',
	reporterPhone: '+49 30 23125 555',
};

/** The errors for the valid answers with some fields changed. */
function errorsWith(changes: Record<string, unknown>) {
	const result = concernSchema.safeParse({ ...valid, ...changes });
	return result.success ? {} : fieldErrors(result.error.issues);
}

describe('concernSchema', () => {
	it('accepts a complete concern, normalising line breaks and treating empty answers as not known', () => {
		const concern = concernSchema.parse(valid);
		expect(concern.observation).toBe(
			'Mia kommt seit zwei Wochen ohne Frühstück.\nSie hat blaue Flecken am Arm.',
		);
		expect(concern.childAge).toBe(6);
		expect(concern.childBirthDate).toBeUndefined();
		expect(concern.childAddress).toBeUndefined();
	});

	it('accepts a child whose name, age, birth date and address are all unknown', () => {
		expect(
			errorsWith({ childName: '', childAge: '', childBirthDate: '', childAddress: '' }),
		).toEqual({});
	});

	it.each([
		['observation', '', 'error.required'],
		['observation', '   \n  ', 'error.required'],
		['observation', 'x'.repeat(5001), 'error.tooLong'],
		['observedWhen', '', 'error.required'],
		['reporterName', 'Erika\r\nBcc: victim@example.com', 'error.control'],
		['reporterName', 'Erika\u0000', 'error.control'],
		// What a decoder makes of bytes that were not valid UTF-8.
		['reporterName', 'Erika \uFFFD\uFFFD', 'error.encoding'],
		['observation', 'Sie sagte \uFFFD', 'error.encoding'],
		['reporterRole', 'x'.repeat(121), 'error.tooLong'],
		['reporterEmail', 'not-an-address', 'error.email'],
		['reporterEmail', 'a@example.org\nBcc: x@example.com', 'error.control'],
		['reporterPhone', 'call me', 'error.phone'],
		['childAge', '18', 'error.age'],
		['childAge', '-1', 'error.age'],
		['childAge', '4.5', 'error.age'],
		['childAge', 'six', 'error.age'],
		['childBirthDate', '27.03.2019', 'error.date'],
		['childBirthDate', '1990-01-01', 'error.birthDate'],
		['interpreter', 'maybe', 'error.choose'],
		['urgency', undefined, 'error.choose'],
		['categories', [], 'error.categories'],
		['categories', ['neglect', 'neglect'], 'error.categories'],
		['categories', ['burglary'], 'error.choose'],
		['country', 'FR', 'error.country'],
		['officeId', '../etc', 'error.office'],
		['childWords', 'ok\u0007', 'error.control'],
	])('%s = %j → %s', (field, value, key) => {
		expect(errorsWith({ [field]: value })[field]?.key).toBe(key);
	});

	it('reports the maximum length with a too-long answer', () => {
		expect(errorsWith({ observation: 'x'.repeat(5001) })['observation']).toEqual({
			key: 'error.tooLong',
			vars: { count: 5000 },
		});
	});

	it('asks why the parents were not told, and only then', () => {
		expect(errorsWith({ parentsTold: 'no' })['notToldReason']?.key).toBe('error.notToldReason');
		expect(errorsWith({ parentsTold: 'no', notToldReason: 'risk' })).toEqual({});
		expect(errorsWith({ parentsTold: 'yes' })).toEqual({});
	});

	it('reports the missing reason together with other errors, not only after they are fixed', () => {
		const errors = errorsWith({ parentsTold: 'no', observation: '' });
		expect(Object.keys(errors).sort()).toEqual(['notToldReason', 'observation']);
	});

	it('refuses unknown fields and a missing or malformed submission id as a damaged form', () => {
		expect(errorsWith({ isAdmin: 'true' })['_form']?.key).toBe('error.form');
		expect(errorsWith({ submissionId: 'abc' })['submissionId']?.key).toBe('error.form');
		expect(errorsWith({ locale: 'fr' })['locale']?.key).toBe('error.form');
	});

	it('keeps HTML as text: escaping is the job of whoever renders it', () => {
		expect(
			concernSchema.parse({ ...valid, observation: '<script>alert(1)</script>' }).observation,
		).toBe('<script>alert(1)</script>');
	});
});

describe('error messages exist in every language', () => {
	const keys = new Set<UiKey>();
	for (const changes of [
		{ observation: '' },
		{ observation: 'x'.repeat(5001) },
		{ reporterName: 'a\nb' },
		{ reporterEmail: 'x' },
		{ reporterPhone: 'x' },
		{ childAge: '99' },
		{ childBirthDate: 'x' },
		{ childBirthDate: '1990-01-01' },
		{ interpreter: 'x' },
		{ categories: [] },
		{ country: 'XX' },
		{ officeId: 'X!' },
		{ parentsTold: 'no' },
		{ extra: '1' },
	]) {
		for (const error of Object.values(errorsWith(changes))) keys.add(error.key);
	}

	it('covers every error key the schema produces', () => {
		expect(keys.size).toBeGreaterThanOrEqual(12);
	});

	it.each(LOCALES)('%s translates each of them, with the maximum filled in', (locale) => {
		const t = translatorFor(locale);
		for (const key of keys) {
			const text = t(key, { count: 5000 });
			expect(text.length, key).toBeGreaterThan(5);
			expect(text).not.toMatch(/[{}]/);
		}
		expect(t('error.tooLong', { count: 5000 })).toContain('5000');
	});
});

describe('formValues', () => {
	it('reads one value per field, lists for list fields, and leaves out control fields and the honeypot', () => {
		const data = new FormData();
		data.append('childName', 'Mia');
		data.append('categories', 'neglect');
		data.append('categories', 'other');
		data.append(CONTROL_FIELDS.confirm, '1');
		data.append(CONTROL_FIELDS.honeypot, 'filled in by a bot');
		expect(formValues(data, ['categories'])).toEqual({
			childName: 'Mia',
			categories: ['neglect', 'other'],
		});
		expect(formValues(new FormData(), ['categories'])).toEqual({ categories: [] });
	});
});
