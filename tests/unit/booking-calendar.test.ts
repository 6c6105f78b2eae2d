import { describe, expect, it } from 'vitest';
import { officeSchema, type Office } from '../../src/lib/content-schemas.ts';
import { LOCALES } from '../../src/lib/locales.ts';
import { bookingCalendarFor } from '../../src/server/booking-calendar.ts';
import { foldIcs } from '../../src/server/ics-fold.ts';
import { parseIcs } from '../fixtures/ics-parse.ts';
import { translatorFor, readYaml } from './content-files.ts';

const officeOf = (id: string): Office & { id: string } => ({
	id,
	...officeSchema.parse(readYaml(`offices/${id}.yaml`)),
});
const START = Date.UTC(2026, 11, 1, 8);
const booking = (mode: string) => ({
	id: '7d1b0c52-3c0e-4a5e-8f61-5b8f6c9e2a10',
	reference: 'K7F3-9Q2M',
	start: START,
	end: START + 45 * 60_000,
	mode,
});
const SITE = 'https://kinderschutz.example.org/';
const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const eventOf = (ics: string) => parseIcs(ics).components.find((c) => c.name === 'VEVENT')!;

describe('foldIcs', () => {
	it('folds at 75 octets, not characters, and never inside a character', () => {
		const line = `LOCATION:${'ул. „Примерна“ 10, 1000 Примерно – Ärztehaus Straße '.repeat(4)}`;
		const folded = foldIcs(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR\r\n`);
		const lines = folded.split('\r\n');
		for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
		expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
		// Unfolding gives the line back exactly: no character was split or lost.
		expect(folded.replace(/\r\n /g, '')).toBe(`BEGIN:VCALENDAR\r\n${line}\r\nEND:VCALENDAR\r\n`);
	});

	it('leaves short lines alone and refolds what was folded by characters', () => {
		expect(foldIcs('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n')).toBe(
			'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n',
		);
		const byCharacters = `DESCRIPTION:${'Ж'.repeat(63)}\r\n\t${'Ж'.repeat(40)}\r\n`;
		const refolded = foldIcs(byCharacters);
		for (const l of refolded.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
		expect(refolded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'Ж'.repeat(103)}\r\n`);
	});

	it('keeps a four-byte character whole', () => {
		const folded = foldIcs(`X:${'a'.repeat(72)}😀b\r\n`);
		expect(folded).toBe(`X:${'a'.repeat(72)}\r\n 😀b\r\n`);
	});
});

describe('bookingCalendarFor', () => {
	it.each(LOCALES)('%s: every line of every calendar file is at most 75 octets', (locale) => {
		for (const [office, mode] of [
			['bg-primerno', 'in-person'],
			['de-musterstadt', 'video'],
			['dk-eksempelby', 'video'],
			['hu-peldavaros', 'in-person'],
		] as const) {
			const o = officeOf(office);
			const ics = bookingCalendarFor(
				booking(mode),
				o,
				o.specialists[0]!,
				translatorFor(locale),
				SITE,
			);
			for (const line of ics.split('\r\n')) expect(octets(line), line).toBeLessThanOrEqual(75);
			expect(() => parseIcs(ics)).not.toThrow();
		}
	});

	it('a video consultation with a link: the link is the location and the URL, with the reference in it', () => {
		const office = officeOf('de-musterstadt');
		const event = eventOf(
			bookingCalendarFor(
				booking('video'),
				office,
				office.specialists[0]!,
				translatorFor('en'),
				SITE,
			),
		);
		const link = 'https://video.musterstadt.example.org/beratung-K7F3-9Q2M';
		expect(event.properties.get('LOCATION')!.value).toBe(link);
		expect(event.properties.get('URL')!.value).toBe(link);
		expect(event.properties.get('DESCRIPTION')!.value).toContain(
			translatorFor('en')('booking.video.link').replace(/,/g, '\\,'),
		);
	});

	it('a video consultation where the specialist calls: the calendar says so', () => {
		const office = officeOf('dk-eksempelby');
		const event = eventOf(
			bookingCalendarFor(
				booking('video'),
				office,
				office.specialists[0]!,
				translatorFor('da'),
				SITE,
			),
		);
		expect(event.properties.get('LOCATION')!.value).toBe(
			translatorFor('da')('booking.video.calls').replace(/,/g, '\\,'),
		);
		expect(event.properties.has('URL')).toBe(false);
	});

	it('a cancellation is the same event, newer, with METHOD:CANCEL and the professional as attendee', () => {
		const office = officeOf('de-musterstadt');
		const published = parseIcs(
			bookingCalendarFor(
				booking('phone'),
				office,
				office.specialists[0]!,
				translatorFor('de'),
				SITE,
			),
		);
		const cancelled = parseIcs(
			bookingCalendarFor(
				booking('phone'),
				office,
				office.specialists[0]!,
				translatorFor('de'),
				SITE,
				{ attendee: 'teacher@example.com' },
			),
		);
		expect(published.properties.get('METHOD')!.value).toBe('PUBLISH');
		expect(cancelled.properties.get('METHOD')!.value).toBe('CANCEL');
		const [before, after] = [published, cancelled].map(
			(c) => c.components.find((e) => e.name === 'VEVENT')!,
		);
		expect(after!.properties.get('UID')!.value).toBe(before!.properties.get('UID')!.value);
		expect(Number(after!.properties.get('SEQUENCE')!.value)).toBeGreaterThan(
			Number(before!.properties.get('SEQUENCE')?.value ?? 0),
		);
		expect(after!.properties.get('STATUS')!.value).toBe('CANCELLED');
		expect(after!.properties.get('ATTENDEE')!.value.toLowerCase()).toBe(
			'mailto:teacher@example.com',
		);
		expect(after!.properties.get('ORGANIZER')!.value.toLowerCase()).toBe(`mailto:${office.email}`);
	});
});
