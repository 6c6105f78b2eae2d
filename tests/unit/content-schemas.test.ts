import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	countrySchema,
	countrySchemaFor,
	GUIDANCE_SLUGS,
	guidanceSchema,
	officeSchema,
	siteSchema,
} from '../../src/lib/content-schemas.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { INSTITUTIONS } from '../fixtures/institutions.ts';
import { CONTENT, frontmatter, readText, readYaml, SHIPPED, yamlFiles } from './content-files.ts';

/** Issues as "path: message" lines, the form a build error shows. */
function issues(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

/** Both the tests' own content and the shipped demo content must pass the schemas the build uses. */
describe.each([
	['test content', CONTENT],
	['shipped content', SHIPPED],
])('%s is valid', (_name, dir) => {
	it('site.yaml', () => {
		expect(issues(siteSchema.safeParse(readYaml('site.yaml', dir)))).toEqual([]);
	});

	it.each(yamlFiles('countries', dir))('countries/%s', (file) => {
		const result = countrySchema.safeParse(readYaml(`countries/${file}`, dir));
		expect(issues(result)).toEqual([]);
		expect(result.data?.code.toLowerCase()).toBe(file.replace('.yaml', ''));
	});

	it('has a country file for every jurisdiction and every office', () => {
		const countries = yamlFiles('countries', dir).map((f) => f.replace('.yaml', '').toUpperCase());
		const site = siteSchema.parse(readYaml('site.yaml', dir));
		const offices = yamlFiles('offices', dir).map((f) =>
			officeSchema.parse(readYaml(`offices/${f}`, dir)),
		);
		for (const code of [...site.jurisdictions, ...offices.map((o) => o.country)])
			expect(countries).toContain(code);
	});

	it.each(yamlFiles('offices', dir))('offices/%s', (file) => {
		const result = officeSchema.safeParse(readYaml(`offices/${file}`, dir));
		expect(issues(result)).toEqual([]);
		const ids = result.data!.specialists.map((s) => s.id);
		expect(new Set(ids).size, 'specialist ids are unique').toBe(ids.length);
	});

	it('every office here is fictional: marked demo, named "(Demo)", on reserved domains only', () => {
		for (const file of yamlFiles('offices', dir)) {
			const office = officeSchema.parse(readYaml(`offices/${file}`, dir));
			expect(office.demo, file).toBe(true);
			expect(office.name).toMatch(/\(Demo\)$/);
			for (const email of [office.email, ...office.specialists.map((s) => s.email)]) {
				expect(email).toMatch(/@([a-z0-9-]+\.)*example\.(org|com)$/);
			}
		}
	});

	it.each(LOCALES)('%s has exactly the shipped slugs', (locale) => {
		const files = readdirSync(join(dir, 'guidance', locale)).sort();
		expect(files).toEqual([...GUIDANCE_SLUGS].map((s) => `${s}.mdx`).sort());
	});

	it.each(LOCALES)(
		'%s frontmatter is valid and matches the other locales in order and include',
		(locale) => {
			for (const slug of GUIDANCE_SLUGS) {
				const data = guidanceSchema.parse(frontmatter(`guidance/${locale}/${slug}.mdx`, dir));
				const reference = guidanceSchema.parse(frontmatter(`guidance/en/${slug}.mdx`, dir));
				expect({ slug, order: data.order, include: data.include, next: data.next }).toEqual({
					slug,
					order: reference.order,
					include: reference.include,
					next: reference.next,
				});
			}
		},
	);

	it.each(LOCALES)(
		'%s: every page but the home page (which starts with the three paths) ends with a next step',
		(locale) => {
			for (const slug of GUIDANCE_SLUGS) {
				const { next } = guidanceSchema.parse(frontmatter(`guidance/${locale}/${slug}.mdx`, dir));
				if (slug === 'index') expect(next, slug).toBeUndefined();
				else expect(next?.length, slug).toBeGreaterThan(0);
			}
		},
	);

	it.each(LOCALES)(
		"%s guidance text names no country's institutions: they come from the country files",
		(locale) => {
			const found: string[] = [];
			for (const slug of GUIDANCE_SLUGS) {
				const text = readText(`guidance/${locale}/${slug}.mdx`, dir);
				for (const [country, names] of Object.entries(INSTITUTIONS)) {
					for (const name of names)
						if (text.includes(name)) found.push(`${slug}: ${country} ${name}`);
				}
			}
			expect(found).toEqual([]);
		},
	);
});

describe('the demo offices cannot reach a real office', () => {
	it.each(yamlFiles('offices', SHIPPED))(
		'offices/%s uses postcodes that cannot exist in its country',
		(file) => {
			const office = officeSchema.parse(readYaml(`offices/${file}`, SHIPPED));
			// German postcodes start at 01; Danish ones below 0100, Hungarian and Bulgarian ones starting with 0 are not used.
			const impossible = { DE: /^00/, DK: /^00/, HU: /^0/, BG: /^0/ }[office.country];
			for (const postcode of [office.address.postcode, ...office.serves.postcodes])
				expect(postcode).toMatch(impossible);
		},
	);
});

describe('schemas reject broken content with messages that name the field', () => {
	const office = () =>
		structuredClone(readYaml('offices/de-musterstadt.yaml')) as Record<string, any>;

	it('office without e-mail', () => {
		const data = office();
		delete data.email;
		expect(issues(officeSchema.safeParse(data))).toEqual([expect.stringMatching(/^email: /)]);
	});

	it('office offering video without saying how the call happens', () => {
		const data = office();
		delete data.videoCall;
		expect(issues(officeSchema.safeParse(data))).toEqual([
			expect.stringMatching(/^videoCall: Say how a video consultation happens/),
		]);
		expect(
			issues(
				officeSchema.safeParse({
					...data,
					videoCall: { how: 'link', link: 'http://video.example.org/{room}' },
				}),
			),
		).toEqual(['videoCall.link: An https address, optionally with {reference} in it']);
		expect(
			officeSchema.safeParse({ ...data, videoCall: { how: 'specialist-calls' } }).success,
		).toBe(true);
	});

	it('office with an unknown time zone', () => {
		const data = { ...office(), timeZone: 'Europe/Atlantis' };
		expect(issues(officeSchema.safeParse(data))).toEqual([
			'timeZone: Not a known IANA time zone, e.g. "Europe/Berlin"',
		]);
	});

	it('opening hours that end before they start', () => {
		const data = { ...office(), openingHours: [{ days: ['mon'], from: '15:00', to: '08:00' }] };
		expect(issues(officeSchema.safeParse(data))).toEqual([
			'openingHours.0.to: "to" must be later than "from"',
		]);
	});

	it('a time that is not HH:MM', () => {
		const data = { ...office(), openingHours: [{ days: ['mon'], from: '8', to: '12:00' }] };
		expect(issues(officeSchema.safeParse(data))[0]).toMatch(
			/^openingHours\.0\.from: Use 24-hour time/,
		);
	});

	it('a specialist with a bad id and an unknown weekday', () => {
		const data = office();
		data.specialists[0].id = 'Anna Beispiel';
		data.specialists[0].availability[0].days = ['monday'];
		const found = issues(officeSchema.safeParse(data));
		expect(found).toContain('specialists.0.id: Use lowercase letters, digits and "-"');
		expect(found.some((m) => m.startsWith('specialists.0.availability.0.days.0:'))).toBe(true);
	});

	it('an office that serves nothing', () => {
		const data = { ...office(), serves: { postcodes: [], municipalities: [] } };
		expect(issues(officeSchema.safeParse(data))).toEqual([
			'serves: An office must serve at least one postcode or municipality',
		]);
	});

	it('a legal reference missing one language of its summary', () => {
		const country = structuredClone(readYaml('countries/de.yaml')) as Record<string, any>;
		delete country.legal[0].summary.hu;
		expect(issues(countrySchemaFor(LOCALES).safeParse(country))).toEqual([
			expect.stringMatching(/^legal\.0\.summary\.hu: /),
		]);
	});

	it('a legal reference without a review status', () => {
		const country = structuredClone(readYaml('countries/dk.yaml')) as Record<string, any>;
		delete country.legal[0].status;
		expect(issues(countrySchema.safeParse(country))).toEqual([
			expect.stringMatching(/^legal\.0\.status: /),
		]);
	});

	it('site.yaml naming an unknown country as a jurisdiction, or one twice', () => {
		const site = structuredClone(readYaml('site.yaml')) as Record<string, any>;
		site.jurisdictions = ['DK', 'SE'];
		expect(issues(siteSchema.safeParse(site))).toEqual([
			expect.stringMatching(/^jurisdictions\.1: /),
		]);
		site.jurisdictions = ['DK', 'DK'];
		expect(issues(siteSchema.safeParse(site))).toEqual([
			'jurisdictions: Each country may be listed once',
		]);
	});

	it('a country fact missing one language names the file field and the locale', () => {
		const country = structuredClone(readYaml('countries/dk.yaml')) as Record<string, any>;
		delete country.steps[1].text.bg;
		expect(issues(countrySchemaFor(LOCALES).safeParse(country))).toEqual([
			expect.stringMatching(/^steps\.1\.text\.bg: /),
		]);
		// A missing fact is refused first (the texts are checked once the file's shape is right).
		delete country.outOfHours;
		expect(issues(countrySchemaFor(LOCALES).safeParse(country))).toContainEqual(
			expect.stringMatching(/^outOfHours: /),
		);
	});

	it('a deployment in Danish and English needs the texts in those two only', () => {
		const country = structuredClone(readYaml('countries/dk.yaml')) as Record<string, any>;
		delete country.steps[1].text.bg;
		delete country.duty[0].text.hu;
		expect(issues(countrySchemaFor(['da', 'en']).safeParse(country))).toEqual([]);
		delete country.duty[0].text.da;
		expect(issues(countrySchemaFor(['da', 'en']).safeParse(country))).toEqual([
			expect.stringMatching(/^duty\.0\.text\.da: /),
		]);
	});

	it('site.yaml: locales default to all five, each listed once, only shipped ones', () => {
		const site = structuredClone(readYaml('site.yaml')) as Record<string, any>;
		delete site.locales;
		expect(siteSchema.parse(site).locales).toEqual([...LOCALES]);
		site.locales = ['da', 'da'];
		expect(issues(siteSchema.safeParse(site))).toEqual(['locales: Each locale may be listed once']);
		site.locales = ['da', 'sv'];
		expect(issues(siteSchema.safeParse(site))).toEqual([expect.stringMatching(/^locales\.1: /)]);
	});

	it('a fact citing a source the file does not list', () => {
		const country = structuredClone(readYaml('countries/de.yaml')) as Record<string, any>;
		country.feedback[0].sources = ['kkg-4-4', 'nowhere'];
		expect(issues(countrySchema.safeParse(country))).toEqual([
			'feedback.0.sources.1: Unknown source "nowhere": add it under "sources"',
		]);
	});

	it('deadlines: a kind listed twice, a span that is neither working days nor hours, an unknown source', () => {
		const country = structuredClone(readYaml('countries/dk.yaml')) as Record<string, any>;
		country.deadlines[1].kind = 'receipt';
		expect(issues(countrySchema.safeParse(country))).toEqual([
			'deadlines: Each deadline kind may be listed once',
		]);
		country.deadlines[1] = {
			...country.deadlines[0],
			kind: 'assessment',
			within: { workingDays: 6, hours: 24 },
			sources: ['nowhere'],
		};
		expect(issues(countrySchema.safeParse(country))).toEqual([
			expect.stringMatching(/^deadlines\.1\.within: /),
		]);
		country.deadlines[1].within = { hours: 24 };
		expect(issues(countrySchema.safeParse(country))).toEqual([
			'deadlines.1.sources.0: Unknown source "nowhere": add it under "sources"',
		]);
	});

	it("an office's holidayRegion written with its country, and its own deadlines out of range", () => {
		const data = office();
		data.holidayRegion = 'DE-BY';
		data.deadlines = { receipt: 0 };
		expect(issues(officeSchema.safeParse(data))).toEqual([
			'holidayRegion: The ISO 3166-2 subdivision code without the country, e.g. "BY"',
			expect.stringMatching(/^deadlines\.receipt: /),
		]);
	});

	it('a country without a child helpline number', () => {
		const country = structuredClone(readYaml('countries/bg.yaml')) as Record<string, any>;
		delete country.helplines[0].phone;
		expect(issues(countrySchema.safeParse(country))).toEqual([
			'helplines: Name at least one child helpline with a phone number (audience: children)',
		]);
	});

	it('a demo office not named "(Demo)" or on a real domain, and a real office on a reserved domain', () => {
		const demo = {
			...office(),
			name: 'Jugendamt Musterstadt',
			email: 'jugendamt@musterstadt.invalid',
		};
		expect(issues(officeSchema.safeParse(demo))).toEqual([
			'name: A demo office\'s name ends in "(Demo)"',
			'email: A demo office uses example.org or example.com addresses only',
		]);
		const real = { ...office(), demo: false };
		expect(issues(officeSchema.safeParse(real))[0]).toMatch(
			/^email: example\.org\/example\.com never reach anyone/,
		);
	});

	it('guidance page with a too short description', () => {
		expect(issues(guidanceSchema.safeParse({ title: 'T', description: 'short' }))).toEqual([
			expect.stringMatching(/^description: /),
		]);
	});
});
