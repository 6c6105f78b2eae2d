/**
 * Which office is responsible for where the child lives: by postcode (exact, or a "07*"
 * prefix pattern) or by municipality name (case and accents ignored). Pure, so the same rules
 * can run anywhere and are unit-tested.
 */
import type { CountryCode } from './country-codes.ts';

export interface RoutableOffice {
	id: string;
	country: CountryCode;
	serves: { postcodes: readonly string[]; municipalities: readonly string[] };
}

/** Lower case, accents and punctuation removed, spaces collapsed: "Példaváros " → "peldavaros". */
export function normaliseArea(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function servesPostcode(patterns: readonly string[], postcode: string): boolean {
	return patterns.some((p) => (p.endsWith('*') ? postcode.startsWith(p.slice(0, -1)) : postcode === p));
}

/**
 * The offices of `country` serving `area` (a postcode or a municipality name). An empty list
 * means: not served by any office on this site, use the national fallback. Several offices
 * means: let the person choose.
 */
export function findOffices<T extends RoutableOffice>(offices: readonly T[], country: CountryCode, area: string): T[] {
	const wanted = normaliseArea(area);
	if (wanted === '') return [];
	const postcode = wanted.replace(/ /g, '').toUpperCase();
	const looksLikePostcode = /\d/.test(postcode);
	return offices.filter(
		(o) =>
			o.country === country &&
			(looksLikePostcode
				? servesPostcode(o.serves.postcodes, postcode)
				: o.serves.municipalities.some((m) => normaliseArea(m) === wanted)),
	);
}
