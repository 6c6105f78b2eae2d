import { describe, expect, it } from 'vitest';
import { findOffices, normaliseArea, type RoutableOffice } from '../../src/lib/office-routing.ts';

const offices: RoutableOffice[] = [
	{ id: 'de-a', country: 'DE', serves: { postcodes: ['07743', '0775*'], municipalities: ['Musterstadt', 'Groß Beispiel'] } },
	{ id: 'de-b', country: 'DE', serves: { postcodes: ['07751'], municipalities: ['Nachbarort'] } },
	{ id: 'hu-a', country: 'HU', serves: { postcodes: ['1011'], municipalities: ['Példaváros'] } },
	{ id: 'dk-a', country: 'DK', serves: { postcodes: ['8000'], municipalities: ['Århus Syd'] } },
];
const ids = (list: RoutableOffice[]) => list.map((o) => o.id);

describe('findOffices', () => {
	it('matches an exact postcode', () => {
		expect(ids(findOffices(offices, 'DE', '07743'))).toEqual(['de-a']);
	});

	it('matches a postcode by prefix pattern, and returns every office that serves it', () => {
		expect(ids(findOffices(offices, 'DE', '07751'))).toEqual(['de-a', 'de-b']);
		expect(ids(findOffices(offices, 'DE', '07759'))).toEqual(['de-a']);
	});

	it('ignores spaces around and inside a postcode', () => {
		expect(ids(findOffices(offices, 'DE', ' 077 43 '))).toEqual(['de-a']);
	});

	it('matches municipality names regardless of case and accents', () => {
		expect(ids(findOffices(offices, 'HU', 'peldavaros'))).toEqual(['hu-a']);
		expect(ids(findOffices(offices, 'HU', 'PÉLDAVÁROS'))).toEqual(['hu-a']);
		expect(ids(findOffices(offices, 'DE', 'groß-beispiel'))).toEqual(['de-a']);
		expect(ids(findOffices(offices, 'DK', 'århus syd'))).toEqual(['dk-a']);
	});

	it('only looks in the chosen country', () => {
		expect(findOffices(offices, 'DK', '07743')).toEqual([]);
		expect(findOffices(offices, 'DE', 'Példaváros')).toEqual([]);
	});

	it('returns nothing for an unknown area or an empty answer', () => {
		expect(findOffices(offices, 'DE', '99999')).toEqual([]);
		expect(findOffices(offices, 'DE', 'Atlantis')).toEqual([]);
		expect(findOffices(offices, 'DE', '   ')).toEqual([]);
	});

	it('does not treat a prefix of a municipality as a match', () => {
		expect(findOffices(offices, 'DE', 'Muster')).toEqual([]);
	});
});

describe('normaliseArea', () => {
	it('folds accents, case and punctuation', () => {
		expect(normaliseArea('  Groß-Beispiel ')).toBe('groß beispiel');
		expect(normaliseArea('Горно Примерно')).toBe('горно примерно');
	});
});
