/**
 * Which office is responsible for where the child lives: by postcode (exact, or a "07*"
 * prefix pattern) or by municipality name (case and accents ignored). Pure, so the same rules
 * can run anywhere and are unit-tested. At national scale (hundreds of offices, thousands of
 * postcodes and municipalities) a lookup must not walk every office: the offices are indexed
 * once per list, and a lookup costs a few map reads whatever their number.
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

export interface OfficeIndex<T extends RoutableOffice> {
	/** The offices of `country` serving `area`, in the order of the indexed list. */
	find(country: CountryCode, area: string): T[];
}

/** Positions in the office list, per "<country> <key>". */
class Positions extends Map<string, number[]> {
	add(country: string, key: string, position: number): void {
		const list = this.get(`${country} ${key}`);
		if (!list) this.set(`${country} ${key}`, [position]);
		else if (list.at(-1) !== position) list.push(position);
	}
	at(country: string, key: string): readonly number[] {
		return this.get(`${country} ${key}`) ?? [];
	}
}

export function indexOffices<T extends RoutableOffice>(offices: readonly T[]): OfficeIndex<T> {
	const postcodes = new Positions();
	const prefixes = new Positions();
	const municipalities = new Positions();
	let longestPrefix = -1;
	offices.forEach((office, i) => {
		for (const pattern of office.serves.postcodes) {
			if (!pattern.endsWith('*')) postcodes.add(office.country, pattern, i);
			else {
				prefixes.add(office.country, pattern.slice(0, -1), i);
				longestPrefix = Math.max(longestPrefix, pattern.length - 1);
			}
		}
		for (const name of office.serves.municipalities)
			municipalities.add(office.country, normaliseArea(name), i);
	});
	return {
		find(country, area) {
			const wanted = normaliseArea(area);
			if (wanted === '') return [];
			const postcode = wanted.replace(/ /g, '').toUpperCase();
			const found = new Set<number>();
			if (/\d/.test(postcode)) {
				for (const i of postcodes.at(country, postcode)) found.add(i);
				// Every prefix of the postcode a pattern could have: a handful of reads, not a scan.
				for (let length = 0; length <= Math.min(postcode.length, longestPrefix); length++) {
					for (const i of prefixes.at(country, postcode.slice(0, length))) found.add(i);
				}
			} else {
				for (const i of municipalities.at(country, wanted)) found.add(i);
			}
			return [...found].sort((a, b) => a - b).map((i) => offices[i]!);
		},
	};
}

/** Each office list's index, built on its first lookup (the content is fixed while the server runs). */
const indexes = new WeakMap<readonly RoutableOffice[], OfficeIndex<RoutableOffice>>();

/**
 * The offices of `country` serving `area` (a postcode or a municipality name). An empty list
 * means: not served by any office on this site, use the national fallback. Several offices
 * means: let the person choose.
 */
export function findOffices<T extends RoutableOffice>(
	offices: readonly T[],
	country: CountryCode,
	area: string,
): T[] {
	let index = indexes.get(offices) as OfficeIndex<T> | undefined;
	if (!index) indexes.set(offices, (index = indexOffices(offices)));
	return index.find(country, area);
}
