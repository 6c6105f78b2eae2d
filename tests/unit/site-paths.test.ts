import { describe, expect, it } from 'vitest';
import {
	configuredJurisdiction,
	formPath,
	hasChoice,
	jurisdictionFromPath,
	localiseLink,
	officePath,
	pagePath,
	slugPath,
} from '../../src/lib/site-paths.ts';

const several = ['DE', 'DK', 'HU', 'BG'] as const;
const one = ['DK'] as const;

describe('pagePath', () => {
	it('puts the country after the locale when the reader chooses among several', () => {
		expect(pagePath('de', 'DK', 'doubt/', several)).toBe('/de/dk/doubt/');
		expect(pagePath('bg', 'DE', '', several)).toBe('/bg/de/');
		expect(pagePath('da', 'HU', slugPath('index'), several)).toBe('/da/hu/');
	});

	it('leaves the country out when the site serves one', () => {
		expect(hasChoice(one)).toBe(false);
		expect(pagePath('da', 'DK', 'doubt/', one)).toBe('/da/doubt/');
		expect(pagePath('en', 'DK', '', one)).toBe('/en/');
	});
});

describe('officePath', () => {
	it("is below its own country's contacts page, whatever the reader's country", () => {
		expect(officePath('de', { id: 'dk-eksempelby', country: 'DK' }, ['DE', 'DK'])).toBe(
			'/de/dk/contacts/dk-eksempelby/',
		);
		expect(officePath('en', { id: 'dk-eksempelby', country: 'DK' }, ['DK'])).toBe(
			'/en/contacts/dk-eksempelby/',
		);
	});
});

describe('jurisdictionFromPath', () => {
	it('reads the country segment, and only a configured one', () => {
		expect(jurisdictionFromPath('/hu/bg/when-to-notify/', several)).toBe('BG');
		expect(jurisdictionFromPath('/hu/', several)).toBeUndefined();
		expect(jurisdictionFromPath('/hu/notify/', several)).toBeUndefined();
		expect(jurisdictionFromPath('/hu/se/doubt/', several)).toBeUndefined();
		expect(jurisdictionFromPath('/', several)).toBeUndefined();
	});

	it('is the only country when there is one', () => {
		expect(jurisdictionFromPath('/en/doubt/', one)).toBe('DK');
		expect(jurisdictionFromPath('/', one)).toBe('DK');
	});
});

describe('configuredJurisdiction', () => {
	it('accepts a configured code in any case and nothing else', () => {
		expect(configuredJurisdiction('dk', several)).toBe('DK');
		expect(configuredJurisdiction('DE', several)).toBe('DE');
		expect(configuredJurisdiction('SE', several)).toBeUndefined();
		expect(configuredJurisdiction(undefined, several)).toBeUndefined();
		expect(configuredJurisdiction(['DE'], several)).toBeUndefined();
		expect(configuredJurisdiction('DE', one)).toBeUndefined();
	});
});

describe('links in guidance text', () => {
	it("point at the reader's country, and forms carry it as a query", () => {
		expect(localiseLink('/en/doubt/', 'en', 'HU', several)).toBe('/en/hu/doubt/');
		expect(localiseLink('/en/', 'en', 'HU', several)).toBe('/en/hu/');
		expect(localiseLink('/en/legal-basis/#sources', 'en', 'DE', several)).toBe(
			'/en/de/legal-basis/#sources',
		);
		expect(localiseLink('/en/notify/', 'en', 'BG', several)).toBe('/en/notify/?country=BG');
		expect(formPath('de', 'consultation', 'DK', several)).toBe('/de/consultation/?country=DK');
	});

	it('stay as they are with one country, outside the locale, or elsewhere', () => {
		expect(localiseLink('/da/doubt/', 'da', 'DK', one)).toBe('/da/doubt/');
		expect(localiseLink('/da/notify/', 'da', 'DK', one)).toBe('/da/notify/');
		expect(localiseLink('https://ast.dk/', 'da', 'DK', several)).toBe('https://ast.dk/');
		expect(localiseLink('tel:112', 'da', 'DK', several)).toBe('tel:112');
		expect(localiseLink('/de/doubt/', 'da', 'DK', several)).toBe('/de/doubt/');
		expect(localiseLink('/da/doubt/', 'da', undefined, several)).toBe('/da/doubt/');
	});
});
