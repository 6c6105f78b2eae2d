import { describe, expect, it } from 'vitest';
import { scanPersonalData, type Finding } from '../../src/lib/personal-data-scan.ts';

/** Each kind of personal data as it is written in each of the site's languages. */
const HITS: Record<Finding, Record<string, string[]>> = {
	email: {
		en: ['You can reach the mother at mum.of.lena@example.org.'],
		de: ['Die Mutter schreibt von vater.mueller@example.com aus.'],
		da: ['Skriv til moren på hanne+skole@example.org'],
		bg: ['Майката пише от ivanova@example.org.'],
		hu: ['Az anya e-mail címe: kovacs.anna@example.com'],
	},
	phone: {
		en: ['Call the father on +49 30 23125 777.'],
		de: ['Der Vater ist unter 030 23125 777 erreichbar.', 'Mobil: 0171/1234567'],
		da: ['Ring til moren på 21 43 65 87.', 'Tlf. +45 21436587'],
		bg: ['Телефонът на майката е 0888 123 456.', 'тел. +359 2 987 6543'],
		hu: ['Az apa száma +36 30 123 4567.', 'Hívható: 06 1 234 5678'],
	},
	'date-of-birth': {
		en: ['The boy was born on 12.03.2019.', 'Date of birth: 3 March 2019', 'DOB 2019-03-12'],
		de: ['Das Kind ist am 3. März 2019 geboren.', 'geb. 12.03.2019'],
		da: ['Drengen er født 12. marts 2019.', 'Fødselsdato: 12-03-2019'],
		bg: ['Детето е родено на 12.03.2019 г.', 'Дата на раждане: 12 март 2019'],
		hu: ['A gyermek 2019. március 12-én született.', 'Születési dátum: 2019.03.12.'],
	},
	'street-address': {
		en: ['They live at 12 Baker Street.'],
		de: [
			'Die Familie wohnt in der Musterstraße 12.',
			'Hauptstr. 5a, zweiter Stock',
			'Berliner Straße 101',
		],
		da: ['Familien bor på Vestergade 12, 2. th.', 'Skolevej 4'],
		bg: [
			'Семейството живее на ул. „Васил Левски“ 12.',
			'ж.к. Младост 3, бл. 12',
			'бул. Витоша № 3',
		],
		hu: ['A család a Petőfi utca 12. alatt lakik.', 'Kossuth Lajos u. 3'],
	},
	'national-id': {
		en: ['Tax ID 86095742719 was on the form.'],
		de: ['Steuer-ID: 86 095 742 719', 'Identifikationsnummer 86095742719'],
		da: ['CPR-nr. 120319-1234', 'Hans CPR er 0101191234.'],
		bg: ['ЕГН 1504121232', 'Детето с 0752123454 е в групата.'],
		hu: ['TAJ-szám: 123 456 788', 'TAJ 037 563 415'],
	},
	name: {
		en: ['The girl is named Lena.', 'a boy called Tom', 'Her name is Sara.'],
		de: ['Das Kind heißt Lena.', 'Ein Junge namens Tim', 'Der Name ist Jonas.'],
		da: ['Pigen hedder Sofie.', 'en dreng ved navn Emil'],
		bg: ['Момичето се казва Мария.', 'Казва се Иван.', 'дете на име Георги'],
		hu: ['Egy Kiss Péter nevű fiú.', 'Pistinek hívják.', 'A neve Anna.'],
	},
};

/** Ordinary anonymised descriptions: ages, school years, times, counts, dates of observation. */
const CLEAN: Record<string, string[]> = {
	en: [
		'A 4-year-old at our daycare has come in with dirty clothes 5 times in 2 weeks. Group of 22 children.',
		'Since 12.11.2026 the girl (8, year 3) has hardly spoken to the others. At 8:15 she was crying.',
		'The boy often says he is called stupid at home. His lunch box was empty on 3 days.',
	],
	de: [
		'Der Junge ist 7 Jahre alt, geht in die 2. Klasse und kommt seit März 2025 oft hungrig in die Schule. Er hat 3 Geschwister.',
		'Das heißt, wir wissen nicht genau, was los ist. Am 12.11.2026 um 8:15 kam er mit einem blauen Fleck.',
		'Auf dem Spielplatz 3 Kinder beobachtet, auf dem Schulweg 2 Mal gesehen.',
	],
	da: [
		'Pigen er 9 år, går i 3. klasse. Hun har siden 1. oktober sagt meget lidt til de andre.',
		'Drengen (5 år) kommer i vuggestue 4 dage om ugen, ofte med en tom madpakke.',
	],
	bg: [
		'Детето е на 6 години, в подготвителна група. От 2 седмици идва гладно, 3-4 пъти седмично.',
		'Момичето е в 3 клас. На 12.11.2026 в 8:15 плачеше и не искаше да се прибира.',
	],
	hu: [
		'A gyermek 5 éves, óvodás. 2026. október óta gyakran éhes, heti 2-3 alkalommal.',
		'A 3. osztályos lány 2026.11.12-én sírva érkezett, 8:15-kor.',
	],
};

describe('scanPersonalData', () => {
	for (const [kind, byLocale] of Object.entries(HITS)) {
		for (const [locale, texts] of Object.entries(byLocale)) {
			it(`finds ${kind} in ${locale}`, () => {
				for (const text of texts) expect(scanPersonalData(text), text).toEqual([kind]);
			});
		}
	}

	for (const [locale, texts] of Object.entries(CLEAN)) {
		it(`does not warn about an ordinary description in ${locale}`, () => {
			for (const text of texts) expect(scanPersonalData(text), text).toEqual([]);
		});
	}

	it('reports every kind found, once each, in a fixed order', () => {
		const text =
			'Lena (born 12.03.2019) lives at Musterstraße 12; the mother is named Petra, 030 23125 777, petra@example.org, CPR 120319-1234. Her father: mail vater@example.org.';
		expect(scanPersonalData(text)).toEqual([
			'email',
			'phone',
			'date-of-birth',
			'street-address',
			'national-id',
			'name',
		]);
	});

	it('does not take an identity number with a wrong check digit for one', () => {
		// One digit changed from the valid numbers above: a long number, so a phone number at most.
		expect(scanPersonalData('86095742718')).not.toContain('national-id');
		expect(scanPersonalData('0752123455')).not.toContain('national-id');
	});

	it('copes with empty and very long texts', () => {
		expect(scanPersonalData('')).toEqual([]);
		expect(scanPersonalData('Das Kind ist müde, 7 Jahre alt. '.repeat(50))).toEqual([]);
		expect(scanPersonalData(`${'x'.repeat(1490)} a@example.org`)).toEqual(['email']);
		// Long runs of letters once took seconds (backtracking); a test this size would time out.
		for (const run of ['A', 'a', 'Ab-', 'Kiss '])
			expect(scanPersonalData(run.repeat(60_000))).toEqual([]);
	});
});
