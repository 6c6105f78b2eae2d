import { describe, expect, it } from 'vitest';
import { findOffices, normaliseArea, type RoutableOffice } from '../../src/lib/office-routing.ts';

const offices: RoutableOffice[] = [
	{
		id: 'de-a',
		country: 'DE',
		serves: { postcodes: ['07743', '0775*'], municipalities: ['Musterstadt', 'Groß Beispiel'] },
	},
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

describe('the office index', () => {
	it('reads the offices once, when the list is first looked up: later lookups touch no office', () => {
		let reads = 0;
		const counted = offices.map((o) => ({
			...o,
			get serves() {
				reads++;
				return o.serves;
			},
		}));
		expect(ids(findOffices(counted, 'DE', '07751'))).toEqual(['de-a', 'de-b']);
		const afterIndexing = reads;
		expect(afterIndexing).toBeGreaterThan(0);
		expect(ids(findOffices(counted, 'DE', 'Groß Beispiel'))).toEqual(['de-a']);
		expect(ids(findOffices(counted, 'HU', '1011'))).toEqual(['hu-a']);
		expect(reads).toBe(afterIndexing);
	});

	it('answers as the rules say at national scale: 560 offices, exact postcodes, prefixes and municipalities', () => {
		// Municipality names without digits (a digit makes the answer a postcode): "Ort bc" for 28.
		const letters = (i: number) => [...String(i)].map((d) => 'abcdefghij'[Number(d)]).join('');
		const many: RoutableOffice[] = Array.from({ length: 560 }, (_, i) => ({
			id: `o${i}`,
			country: 'DE',
			serves: {
				postcodes: [String(10000 + i * 15).padStart(5, '0'), `${String(i).padStart(3, '0')}9*`],
				municipalities: [`Ort ${letters(i)}`, `Weiler ${letters(i)}`],
			},
		}));
		expect(ids(findOffices(many, 'DE', String(10000 + 559 * 15)))).toEqual(['o559']);
		expect(ids(findOffices(many, 'DE', '12395'))).toEqual(['o123']);
		expect(ids(findOffices(many, 'DE', 'weiler hh'))).toEqual(['o77']);
		expect(findOffices(many, 'DK', 'Ort b')).toEqual([]);
		// A postcode that only shares a prefix with nothing, and one shorter than every pattern.
		expect(findOffices(many, 'DE', '99999')).toEqual([]);
		expect(findOffices(many, 'DE', '1')).toEqual([]);
	});

	it('matches a catch-all pattern "*" and a pattern longer than the postcode only as the rules say', () => {
		const list: RoutableOffice[] = [
			{ id: 'all', country: 'DE', serves: { postcodes: ['*'], municipalities: [] } },
			{ id: 'long', country: 'DE', serves: { postcodes: ['077431*'], municipalities: [] } },
		];
		expect(ids(findOffices(list, 'DE', '07743'))).toEqual(['all']);
		expect(ids(findOffices(list, 'DE', '0774312'))).toEqual(['all', 'long']);
	});
});

describe('normaliseArea', () => {
	it('folds accents, case and punctuation', () => {
		expect(normaliseArea('  Groß-Beispiel ')).toBe('groß beispiel');
		expect(normaliseArea('Горно Примерно')).toBe('горно примерно');
	});
});
