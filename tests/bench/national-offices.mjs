// A content folder at national scale for the benchmarks, never shipped as demo data: the shipped
// content/ with its German offices replaced by `offices` generated ones (default 560, with 8,200
// postcodes and 11,000 municipalities among them, as many as Germany has). Everything is
// fictional and follows the demo rules: "(Demo)" names, example.org addresses, six-digit
// postcodes starting with 00 (German postcodes have five digits), phone numbers from the range
// reserved for fiction. A fixed seed: the same folder every run.
// `node tests/bench/national-offices.mjs [offices]` writes one into a temporary folder and prints its path.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export const NATIONAL = { offices: 560, postcodes: 8200, municipalities: 11000 };

/** mulberry32: a small seeded generator, so every run writes the same offices. */
function random(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle(list, next) {
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[list[i], list[j]] = [list[j], list[i]];
	}
	return list;
}

const FIRST = ['', 'Ober', 'Nieder', 'Groß ', 'Klein ', 'Alt ', 'Neu '];
const STEM = [
	'Linden',
	'Birken',
	'Eichen',
	'Buchen',
	'Tannen',
	'Erlen',
	'Eschen',
	'Ulmen',
	'Weiden',
	'Fichten',
	'Ahorn',
	'Holler',
	'Rosen',
	'Wiesen',
	'Heide',
	'Moor',
	'Sand',
	'Stein',
	'Fels',
	'Berg',
	'Tal',
	'Bach',
	'Brunn',
	'Quell',
	'See',
	'Teich',
	'Au',
	'Feld',
	'Wald',
	'Hain',
	'Forst',
	'Kirch',
	'Mühl',
	'Schmied',
	'Hof',
	'Burg',
	'Kloster',
	'Markt',
	'Brück',
	'Fähr',
	'Hafen',
	'Sonnen',
	'Mond',
	'Stern',
	'Wolken',
	'Regen',
	'Wind',
	'Nebel',
	'Hasel',
	'Kranich',
	'Falken',
	'Raben',
	'Finken',
	'Lerchen',
	'Hirsch',
	'Fuchs',
	'Dachs',
	'Biber',
	'Otter',
	'Luchs',
];
const END = [
	'au',
	'bach',
	'berg',
	'burg',
	'dorf',
	'feld',
	'furt',
	'hagen',
	'hausen',
	'heim',
	'hof',
	'holz',
	'horst',
	'kirchen',
	'rode',
	'stadt',
	'stedt',
	'stein',
	'tal',
	'thal',
	'walde',
	'wang',
	'weiler',
	'werder',
	'wiesen',
	'winkel',
	'zell',
	'brück',
	'born',
	'brunn',
	'ried',
	'loh',
	'mark',
	'münde',
	'ow',
	'itz',
	'in',
	'eck',
	'kamp',
	'siel',
];

/** The generated offices (plain objects, as their YAML files hold them). */
export function nationalOffices(count = NATIONAL.offices, seed = 13) {
	const next = random(seed);
	const names = shuffle(
		FIRST.flatMap((a) => STEM.flatMap((b) => END.map((c) => `${a}${b}${c}`))),
		next,
	).slice(0, Math.round((NATIONAL.municipalities * count) / NATIONAL.offices));
	const postcodes = shuffle(
		Array.from({ length: 10_000 }, (_, i) => `00${String(i).padStart(4, '0')}`),
		next,
	).slice(0, Math.round((NATIONAL.postcodes * count) / NATIONAL.offices));
	const offices = Array.from({ length: count }, (_, i) => ({
		id: `de-national-${String(i + 1).padStart(3, '0')}`,
		municipalities: [],
		postcodes: [],
	}));
	// Every office serves at least one of each; the rest go to offices at random, so sizes vary.
	names.forEach((name, i) =>
		offices[i < count ? i : Math.floor(next() * count)].municipalities.push(name),
	);
	postcodes.forEach((code, i) =>
		offices[i < count ? i : Math.floor(next() * count)].postcodes.push(code),
	);
	return offices.map(({ id, municipalities, postcodes: codes }, i) => {
		const seat = municipalities[0];
		const domain = `${id}.example.org`;
		const phone = (n) => `+49 30 23125 ${String(n % 1000).padStart(3, '0')}`;
		return [
			id,
			{
				name: `Jugendamt ${seat} (Demo)`,
				demo: true,
				country: 'DE',
				language: 'de',
				timeZone: 'Europe/Berlin',
				email: `kinderschutz@${domain}`,
				phone: phone(i),
				address: { street: `Am Markt ${1 + (i % 40)}`, postcode: codes[0], city: seat },
				serves: {
					postcodes: codes.sort(),
					municipalities: municipalities.sort((a, b) => a.localeCompare(b, 'de')),
				},
				openingHours: [
					{ days: ['mon', 'tue', 'wed', 'thu'], from: '08:00', to: '15:00' },
					{ days: ['fri'], from: '08:00', to: '12:00' },
				],
				services: ['notification-intake', 'consultation'],
				consultationModes: ['phone'],
				specialists: [
					{
						id: 'fachkraft',
						name: `Fachkraft ${seat}`,
						role: 'experienced-specialist',
						email: `fachkraft@${domain}`,
						phone: phone(i + 500),
						availability: [{ days: ['tue', 'thu'], from: '09:00', to: '12:00' }],
					},
				],
			},
		];
	});
}

/** Writes the content folder into `dir` (created when missing); returns it. */
export function writeNationalContent(dir, count = NATIONAL.offices) {
	const shipped = fileURLToPath(new URL('../../content/', import.meta.url));
	cpSync(shipped, dir, { recursive: true });
	for (const file of readdirSync(join(dir, 'offices')))
		if (file.startsWith('de-')) rmSync(join(dir, 'offices', file));
	for (const [id, office] of nationalOffices(count))
		writeFileSync(join(dir, 'offices', `${id}.yaml`), stringify(office));
	return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const count = Number(process.argv[2] ?? NATIONAL.offices);
	console.log(writeNationalContent(mkdtempSync(join(tmpdir(), 'national-content-')), count));
}
