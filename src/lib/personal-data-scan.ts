/**
 * A check that an anonymised description is anonymous: does the text seem to contain an e-mail
 * address, a phone number, a date of birth, a street address, a national identity number
 * (German tax ID, Danish CPR, Bulgarian EGN, Hungarian TAJ) or a person's name (name-scan.ts),
 * in any of the site's languages? It only warns – the person corrects the text or confirms it – so it
 * leans towards finding too much, but ordinary descriptions (ages, school years, times, counts)
 * must not trip it. Runs as the person types (island) and again on the server.
 */

import { containsName } from './name-scan.ts';

export const FINDINGS = [
	'email',
	'phone',
	'date-of-birth',
	'street-address',
	'national-id',
	'name',
] as const;
export type Finding = (typeof FINDINGS)[number];

// `\b` only knows ASCII letters; these know every script the site is written in.
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
/** A word that starts with a capital letter, as names do. */
const CAPITALISED = "\\p{Lu}[\\p{Ll}\\p{Lu}'’-]+";

/** A keyword as a pattern: dots literal, any spacing between words. */
const literal = (word: string) => word.replace(/[.]/g, '\\.').replace(/ /g, '\\s+');
const keywords = (words: string[]) => words.map(literal).join('|');
/** "heißt" → "[hH]eißt": a keyword may start a sentence, but the name after it must stay capitalised. */
const anyCase = (words: string[]) =>
	words
		.map((w) => `[${w[0]!.toLowerCase()}${w[0]!.toUpperCase()}]${literal(w.slice(1))}`)
		.join('|');

const EMAIL =
	/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const MONTHS = [
	// en
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
	'jan',
	'feb',
	'mar',
	'apr',
	'jun',
	'jul',
	'aug',
	'sep',
	'sept',
	'oct',
	'nov',
	'dec',
	// de
	'januar',
	'jänner',
	'februar',
	'märz',
	'mai',
	'juni',
	'juli',
	'oktober',
	'dezember',
	'okt',
	'dez',
	// da
	'marts',
	'maj',
	'okt',
	// bg
	'януари',
	'февруари',
	'март',
	'април',
	'май',
	'юни',
	'юли',
	'август',
	'септември',
	'октомври',
	'ноември',
	'декември',
	// hu
	'január',
	'február',
	'március',
	'április',
	'május',
	'június',
	'július',
	'augusztus',
	'szeptember',
	'október',
];
const MONTH = `(?:${[...new Set(MONTHS)].sort((a, b) => b.length - a.length).join('|')})\\.?`;

/** Complete dates (day, month and year), in the ways the five languages write them. */
const DATES = new RegExp(
	[
		// 12.03.2019, 12/3/19, 12-03-2019
		`${START}\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?(?:\\d{4}|\\d{2})${END}`,
		// 2019-03-12, 2019. 03. 12. (Hungarian)
		`${START}\\d{4}(?:-\\d{2}-\\d{2}|\\.\\s?\\d{1,2}\\.\\s?\\d{1,2}\\.?)${END}`,
		// 12 March 2019, 12. März 2019, 12. marts 2019, 12 март 2019 г.
		`${START}\\d{1,2}\\.?\\s+${MONTH}\\s+\\d{4}${END}`,
		// March 12, 2019
		`${START}${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}${END}`,
		// 2019. március 12.
		`${START}\\d{4}\\.\\s+${MONTH}\\s+\\d{1,2}`,
	].join('|'),
	'giu',
);

/** Words that say a nearby date is a birthday. */
const BIRTH = new RegExp(
	`${START}(?:${keywords([
		'born',
		'birth',
		'birthday',
		'date of birth',
		'dob',
		'd.o.b',
		'geb.',
		'geboren',
		'geburtsdatum',
		'geburtstag',
		'født',
		'fødselsdag',
		'fødselsdato',
		'f.',
		'роден',
		'родена',
		'родено',
		'рождена',
		'раждане',
		'рожден',
		'született',
		'születési',
		'szül.',
	])})`,
	'iu',
);
const BIRTH_WINDOW = 40;

const HOUSE_NUMBER = '\\s*(?:№\\s*)?\\d{1,4}\\s?[a-zA-Z]?' + END;
/** Street names with a house number, as each language writes them. */
const STREETS = new RegExp(
	[
		// Musterstraße 12, Hauptstr. 5, Vestergade 12, Skolevej 4, Petőfi utca 12, Kossuth Lajos u. 3
		`${START}${CAPITALISED}(?:straße|strasse|str\\.|weg|gasse|allee|ring|damm|ufer|chaussee|vej|gade|allé|stræde|plads|torv)${HOUSE_NUMBER}`,
		`${START}${CAPITALISED}(?:\\s+${CAPITALISED})?\\s+(?:Straße|Str\\.|Weg|Gasse|Allee|Platz|Ring|Vej|Gade|Allé|Plads|utca|u\\.|út|útja|tér|körút|krt\\.|köz|sor|sétány|fasor)${HOUSE_NUMBER}`,
		// 12 Baker Street, 5 High St
		`${START}\\d{1,4}[a-zA-Z]?\\s+${CAPITALISED}(?:\\s+${CAPITALISED})?\\s+(?:Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Close|Way|Crescent|Place|Court|Gardens|Terrace)${END}`,
		// ул. „Васил Левски“ 12, бул. Витоша № 3, ж.к. Младост, бл. 12
		`${START}(?:${anyCase(['ул.', 'улица', 'бул.', 'булевард', 'пл.', 'площад'])})\\s*[„"]?\\p{Lu}[\\p{L}\\s.-]{0,40}?[“"]?${HOUSE_NUMBER}`,
		`${START}(?:ж\\.\\s?к\\.|жк|бл\\.|вх\\.)\\s*[„"]?[\\p{Lu}\\d]`,
	].join('|'),
	'gu',
);
/** Everyday words that end like a street name and may be followed by a number. */
const NOT_STREETS =
	/^(?:Spielplatz|Sportplatz|Parkplatz|Arbeitsplatz|Schulweg|Heimweg|Rückweg|Weg|Umweg|Ausweg)\s/u;

/** Runs of digits with the separators people use in phone numbers and identity numbers. */
const NUMBERS = /(?<![\p{L}\p{N}])\+?\d(?:[ ()/.-]{0,2}\d){6,15}(?![\p{L}\p{N}])/gu;
/** An identity number named as such, whatever its digits: "Steuer-ID 12 345 678 901", "CPR-nr.: 010203-1234". */
const NAMED_IDS = new RegExp(
	`${START}(?:${keywords(['steuer-id', 'steuer-idnr.', 'steuerid', 'identifikationsnummer', 'idnr.', 'cpr', 'cpr-nr.', 'cpr-nummer', 'personnummer', 'егн', 'egn', 'taj', 'taj-szám', 'tajszám'])})[:.]?\\s*(?:nr\\.?|number|nummer|szám|№)?[:.]?\\s*\\d[\\d ./-]*\\d`,
	'giu',
);
/** Four-digit groups that are all years ("2019 2020"): a list, not a phone number. */
const YEARS = /^(?:(?:19|20)\d\d[ /-]?)+$/;

const digitsOf = (s: string) => s.replace(/\D/g, '');
const validDate = (y: number, m: number, d: number) => {
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** German tax ID: 11 digits, no leading 0, ISO 7064 MOD 11,10 check digit. */
function isGermanTaxId(d: string): boolean {
	if (d.length !== 11 || d[0] === '0') return false;
	let product = 10;
	for (let i = 0; i < 10; i++) {
		let sum = (Number(d[i]) + product) % 10;
		if (sum === 0) sum = 10;
		product = (sum * 2) % 11;
	}
	return (11 - product) % 10 === Number(d[10]);
}

/** Danish CPR: DDMMYY-SSSS, a real date (the old modulus-11 rule no longer holds). */
function isCpr(raw: string, d: string): boolean {
	return (
		d.length === 10 &&
		/^\d{6}[ -]?\d{4}$/.test(raw) &&
		validDate(2000 + Number(d.slice(4, 6)), Number(d.slice(2, 4)), Number(d.slice(0, 2)))
	);
}

/** Bulgarian EGN: YYMMDD (month +20 for 1800s, +40 for 2000s), region, check digit. */
function isEgn(d: string): boolean {
	if (d.length !== 10) return false;
	let month = Number(d.slice(2, 4));
	let year = 1900 + Number(d.slice(0, 2));
	if (month > 40) (month -= 40), (year += 100);
	else if (month > 20) (month -= 20), (year -= 100);
	if (!validDate(year, month, Number(d.slice(4, 6)))) return false;
	const weights = [2, 4, 8, 5, 10, 9, 7, 3, 6];
	const sum = weights.reduce((s, w, i) => s + w * Number(d[i]), 0);
	return (sum % 11) % 10 === Number(d[9]);
}

/** Hungarian TAJ: 9 digits, weights 3 and 7 alternating, sum mod 10 is the last digit. */
function isTaj(d: string): boolean {
	if (d.length !== 9) return false;
	const sum = [...d.slice(0, 8)].reduce((s, c, i) => s + Number(c) * (i % 2 === 0 ? 3 : 7), 0);
	return sum % 10 === Number(d[8]);
}

/** Replaces matched spans with spaces so that later patterns do not see them again. */
function blank(
	text: string,
	pattern: RegExp,
	onMatch: (match: string, index: number) => void,
): string {
	let out = text;
	for (const m of text.matchAll(pattern)) {
		onMatch(m[0], m.index);
		out = out.slice(0, m.index) + ' '.repeat(m[0].length) + out.slice(m.index + m[0].length);
	}
	return out;
}

/** Longer than any description may be (1500): the rest is refused anyway, and not worth the time. */
const MAX_SCAN = 2000;

/** What kinds of personal data the text seems to contain, in a fixed order; empty when none. */
export function scanPersonalData(input: string): Finding[] {
	const found = new Set<Finding>();
	let text = input.slice(0, MAX_SCAN).normalize('NFC');

	text = blank(text, EMAIL, () => found.add('email'));
	text = blank(text, NAMED_IDS, () => found.add('national-id'));
	text = blank(text, DATES, (date, index) => {
		const around = text.slice(
			Math.max(0, index - BIRTH_WINDOW),
			index + date.length + BIRTH_WINDOW,
		);
		if (BIRTH.test(around)) found.add('date-of-birth');
	});
	text = blank(text, STREETS, (street) => {
		if (!NOT_STREETS.test(street)) found.add('street-address');
	});
	text = blank(text, NUMBERS, (number) => {
		const raw = number.trim();
		const digits = digitsOf(raw);
		if (isGermanTaxId(digits) || isCpr(raw, digits) || isEgn(digits) || isTaj(digits))
			found.add('national-id');
		// Phone numbers: international (+, 00) or trunk-prefixed (0) from 7 digits; others (Danish) from 8.
		else if (/^(?:\+|0)/.test(raw) ? digits.length >= 7 : digits.length >= 8 && !YEARS.test(raw))
			found.add('phone');
	});
	if (containsName(text)) found.add('name');

	return FINDINGS.filter((f) => found.has(f));
}
