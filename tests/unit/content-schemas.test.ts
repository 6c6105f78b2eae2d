import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	countrySchema,
	GUIDANCE_SLUGS,
	guidanceSchema,
	officeSchema,
	siteSchema,
} from '../../src/lib/content-schemas.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { CONTENT, frontmatter, readYaml, yamlFiles } from './content-files.ts';

/** Issues as "path: message" lines, the form a build error shows. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('shipped content is valid', () => {
	it('site.yaml', () => {
		expect(issues(siteSchema.safeParse(readYaml('site.yaml')))).toEqual([]);
	});

	it.each(yamlFiles('countries'))('countries/%s', (file) => {
		const result = countrySchema.safeParse(readYaml(`countries/${file}`));
		expect(issues(result)).toEqual([]);
		expect(result.data?.code.toLowerCase()).toBe(file.replace('.yaml', ''));
	});

	it('has a country file for every country an office or locale refers to', () => {
		const countries = yamlFiles('countries').map((f) => f.replace('.yaml', '').toUpperCase());
		const site = siteSchema.parse(readYaml('site.yaml'));
		const offices = yamlFiles('offices').map((f) => officeSchema.parse(readYaml(`offices/${f}`)));
		for (const code of [...Object.values(site.localeCountry), ...offices.map((o) => o.country)]) {
			expect(countries).toContain(code);
		}
	});

	it.each(yamlFiles('offices'))('offices/%s', (file) => {
		const result = officeSchema.safeParse(readYaml(`offices/${file}`));
		expect(issues(result)).toEqual([]);
		const ids = result.data!.specialists.map((s) => s.id);
		expect(new Set(ids).size, 'specialist ids are unique').toBe(ids.length);
	});

	it('demo offices use reserved example domains only', () => {
		for (const file of yamlFiles('offices')) {
			const office = officeSchema.parse(readYaml(`offices/${file}`));
			for (const email of [office.email, ...office.specialists.map((s) => s.email)]) {
				expect(email).toMatch(/@([a-z0-9-]+\.)*example\.(org|com)$/);
			}
		}
	});
});

describe('every locale has the same guidance pages', () => {
	it.each(LOCALES)('%s has exactly the shipped slugs', (locale) => {
		const files = readdirSync(join(CONTENT, 'guidance', locale)).sort();
		expect(files).toEqual([...GUIDANCE_SLUGS].map((s) => `${s}.mdx`).sort());
	});

	it.each(LOCALES)('%s frontmatter is valid and matches the other locales in order and include', (locale) => {
		for (const slug of GUIDANCE_SLUGS) {
			const data = guidanceSchema.parse(frontmatter(`guidance/${locale}/${slug}.mdx`));
			const reference = guidanceSchema.parse(frontmatter(`guidance/en/${slug}.mdx`));
			expect({ slug, order: data.order, include: data.include, next: data.next }).toEqual({
				slug,
				order: reference.order,
				include: reference.include,
				next: reference.next,
			});
		}
	});

	it.each(LOCALES)('%s: every page but the home page (which starts with the three paths) ends with a next step', (locale) => {
		for (const slug of GUIDANCE_SLUGS) {
			const { next } = guidanceSchema.parse(frontmatter(`guidance/${locale}/${slug}.mdx`));
			if (slug === 'index') expect(next, slug).toBeUndefined();
			else expect(next?.length, slug).toBeGreaterThan(0);
		}
	});
});

describe('schemas reject broken content with messages that name the field', () => {
	const office = () => structuredClone(readYaml('offices/de-musterstadt.yaml')) as Record<string, any>;

	it('office without e-mail', () => {
		const data = office();
		delete data.email;
		expect(issues(officeSchema.safeParse(data))).toEqual([expect.stringMatching(/^email: /)]);
	});

	it('office offering video without saying how the call happens', () => {
		const data = office();
		delete data.videoCall;
		expect(issues(officeSchema.safeParse(data))).toEqual([expect.stringMatching(/^videoCall: Say how a video consultation happens/)]);
		expect(issues(officeSchema.safeParse({ ...data, videoCall: { how: 'link', link: 'http://video.example.org/{room}' } }))).toEqual([
			'videoCall.link: An https address, optionally with {reference} in it',
		]);
		expect(officeSchema.safeParse({ ...data, videoCall: { how: 'specialist-calls' } }).success).toBe(true);
	});

	it('office with an unknown time zone', () => {
		const data = { ...office(), timeZone: 'Europe/Atlantis' };
		expect(issues(officeSchema.safeParse(data))).toEqual(['timeZone: Not a known IANA time zone, e.g. "Europe/Berlin"']);
	});

	it('opening hours that end before they start', () => {
		const data = { ...office(), openingHours: [{ days: ['mon'], from: '15:00', to: '08:00' }] };
		expect(issues(officeSchema.safeParse(data))).toEqual(['openingHours.0.to: "to" must be later than "from"']);
	});

	it('a time that is not HH:MM', () => {
		const data = { ...office(), openingHours: [{ days: ['mon'], from: '8', to: '12:00' }] };
		expect(issues(officeSchema.safeParse(data))[0]).toMatch(/^openingHours\.0\.from: Use 24-hour time/);
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
		expect(issues(officeSchema.safeParse(data))).toEqual(['serves: An office must serve at least one postcode or municipality']);
	});

	it('a legal reference missing one language of its summary', () => {
		const country = structuredClone(readYaml('countries/de.yaml')) as Record<string, any>;
		delete country.legal[0].summary.hu;
		expect(issues(countrySchema.safeParse(country))).toEqual([expect.stringMatching(/^legal\.0\.summary\.hu: /)]);
	});

	it('a legal reference without a review status', () => {
		const country = structuredClone(readYaml('countries/dk.yaml')) as Record<string, any>;
		delete country.legal[0].status;
		expect(issues(countrySchema.safeParse(country))).toEqual([expect.stringMatching(/^legal\.0\.status: /)]);
	});

	it('site.yaml mapping a locale to an unknown country', () => {
		const site = structuredClone(readYaml('site.yaml')) as Record<string, any>;
		site.localeCountry.da = 'SE';
		expect(issues(siteSchema.safeParse(site))).toEqual([expect.stringMatching(/^localeCountry\.da: /)]);
	});

	it('guidance page with a too short description', () => {
		expect(issues(guidanceSchema.safeParse({ title: 'T', description: 'short' }))).toEqual([
			expect.stringMatching(/^description: /),
		]);
	});
});
