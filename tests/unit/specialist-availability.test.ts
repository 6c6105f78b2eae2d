import { describe, expect, it } from 'vitest';
import type { WeeklyInterval } from '../../src/lib/content-schemas.ts';
import { freeSlots } from '../../src/lib/slots.ts';
import {
	absenceFromForm,
	formatDayTimes,
	inAbsence,
	parseDayTimes,
	weekFromForm,
	withChanges,
	type SpecialistChanges,
} from '../../src/lib/specialist-availability.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const NONE: SpecialistChanges = { weeks: new Map(), absences: [] };

const anna = {
	id: 'anna',
	slotMinutes: 60,
	availability: [{ days: ['mon', 'tue'], from: '09:00', to: '11:00' }] as WeeklyInterval[],
	absences: [{ from: '2026-12-24', to: '2026-12-26' }],
};
const jonas = {
	id: 'jonas',
	slotMinutes: 60,
	availability: [{ days: ['wed'], from: '14:00', to: '15:00' }] as WeeklyInterval[],
	absences: [],
};

/** Free slot starts (UTC) of the merged specialists, Berlin time, `days` from `now`, no notice. */
function starts(changes: SpecialistChanges, now: number, days: number, who = [anna, jonas]) {
	return freeSlots({
		timeZone: 'Europe/Berlin',
		specialists: withChanges(who, changes),
		booked: [],
		now,
		minNoticeMs: 0,
		horizonDays: days,
	}).map((s) => `${s.specialistId} ${iso(s.start)}`);
}

describe('withChanges: content, the workspace’s weekly hours and absences', () => {
	it('without changes, content’s availability and absences stand', () => {
		expect(withChanges([anna, jonas], NONE)).toEqual([anna, jonas]);
	});

	it('weekly hours set in the workspace replace content’s for that specialist only; absences add up', () => {
		const merged = withChanges([anna, jonas], {
			weeks: new Map([['anna', [{ days: ['fri'], from: '08:00', to: '09:00' }]]]),
			absences: [
				{ specialistId: 'anna', from: '2027-01-04', to: '2027-01-05' },
				{ specialistId: 'someone-else', from: '2027-01-06', to: '2027-01-06' },
			],
		});
		expect(merged[0]).toMatchObject({
			availability: [{ days: ['fri'], from: '08:00', to: '09:00' }],
			absences: [
				{ from: '2026-12-24', to: '2026-12-26' },
				{ from: '2027-01-04', to: '2027-01-05' },
			],
		});
		expect(merged[1]).toEqual(jonas);
		// The content objects are not touched (they are shared by every request).
		expect(anna.absences).toHaveLength(1);
	});

	it('an empty week means no consultations at all; an absence takes out exactly its days', () => {
		const monday = Date.UTC(2027, 0, 11, 0); // Monday 11 January 2027, 01:00 in Berlin
		expect(starts(NONE, monday, 3)).toEqual([
			'anna 2027-01-11T08:00:00.000Z',
			'anna 2027-01-11T09:00:00.000Z',
			'anna 2027-01-12T08:00:00.000Z',
			'anna 2027-01-12T09:00:00.000Z',
			'jonas 2027-01-13T13:00:00.000Z',
		]);
		expect(
			starts(
				{
					weeks: new Map([['jonas', []]]),
					absences: [{ specialistId: 'anna', from: '2027-01-12', to: '2027-01-12' }],
				},
				monday,
				3,
			),
		).toEqual(['anna 2027-01-11T08:00:00.000Z', 'anna 2027-01-11T09:00:00.000Z']);
	});

	it('in the week the clocks go back, the workspace’s hours stay wall-clock times', () => {
		// Berlin: summer time ends on Sunday 25 October 2026 at 03:00 (UTC+2 → UTC+1).
		const changes: SpecialistChanges = {
			weeks: new Map([
				[
					'anna',
					[
						{ days: ['mon'], from: '09:00', to: '10:00' },
						{ days: ['sun'], from: '01:00', to: '04:00' },
					],
				],
			]),
			absences: [],
		};
		const monday = Date.UTC(2026, 9, 18, 22); // Monday 19 October, 00:00 in Berlin
		expect(starts(changes, monday, 8, [anna])).toEqual([
			'anna 2026-10-19T07:00:00.000Z', // 09:00 summer time
			'anna 2026-10-24T23:00:00.000Z', // Sunday 01:00 summer time
			'anna 2026-10-25T00:00:00.000Z', // 02:00, the first of the two
			'anna 2026-10-25T02:00:00.000Z', // 03:00 winter time
			'anna 2026-10-26T08:00:00.000Z', // Monday 09:00 winter time
		]);
		// An absence on the day of the change takes out that day's slots and no others.
		expect(
			starts(
				{ ...changes, absences: [{ specialistId: 'anna', from: '2026-10-25', to: '2026-10-25' }] },
				monday,
				8,
				[anna],
			),
		).toEqual(['anna 2026-10-19T07:00:00.000Z', 'anna 2026-10-26T08:00:00.000Z']);
	});

	it('in the week the clocks go forward, the skipped hour has no slot', () => {
		// Berlin: summer time starts on Sunday 28 March 2027 at 02:00 (UTC+1 → UTC+2).
		const changes: SpecialistChanges = {
			weeks: new Map([['anna', [{ days: ['sun'], from: '01:00', to: '04:00' }]]]),
			absences: [],
		};
		const saturday = Date.UTC(2027, 2, 27, 0);
		expect(starts(changes, saturday, 2, [anna])).toEqual([
			'anna 2027-03-28T00:00:00.000Z', // 01:00 winter time
			'anna 2027-03-28T01:00:00.000Z', // 03:00 summer time; 02:00 does not happen
		]);
	});
});

describe('inAbsence', () => {
	it('counts the day in the office’s time zone, not in UTC', () => {
		const absences = [{ from: '2026-12-24', to: '2026-12-24' }];
		expect(inAbsence(Date.UTC(2026, 11, 23, 23, 30), 'Europe/Berlin', absences)).toBe(true);
		expect(inAbsence(Date.UTC(2026, 11, 23, 22, 30), 'Europe/Berlin', absences)).toBe(false);
	});
});

describe('the weekly hours form', () => {
	it('reads blocks of time, as typed', () => {
		expect(parseDayTimes('')).toEqual({ ok: true, blocks: [] });
		expect(parseDayTimes(' 14:00 – 17:00; 9:00-12:00 ')).toEqual({
			ok: true,
			blocks: [
				{ from: '09:00', to: '12:00' },
				{ from: '14:00', to: '17:00' },
			],
		});
	});

	it.each([
		['9-12', 'times'],
		['09:00', 'times'],
		['24:00-25:00', 'times'],
		['09:60-10:00', 'times'],
		['12:00-09:00', 'order'],
		['09:00-09:00', 'order'],
		['09:00-12:00, 11:00-13:00', 'overlap'],
		[Array.from({ length: 7 }, (_, i) => `1${i}:00-1${i}:30`).join(', '), 'tooMany'],
	])('refuses %j as %s', (text, error) => {
		expect(parseDayTimes(text)).toEqual({ ok: false, error });
	});

	it('builds a week from the fields, or names each refused day', () => {
		expect(weekFromForm({ 'day-mon': '09:00-10:00', 'day-fri': '08:00-09:30' }, 45)).toEqual({
			ok: true,
			week: [
				{ days: ['mon'], from: '09:00', to: '10:00' },
				{ days: ['fri'], from: '08:00', to: '09:30' },
			],
		});
		expect(
			weekFromForm({ 'day-mon': '09:00-09:30', 'day-tue': 'soon', 'day-wed': '10:00-11:00' }, 45),
		).toEqual({ ok: false, errors: { mon: 'short', tue: 'times' } });
	});

	it('shows a day’s hours the way it reads them', () => {
		const week: WeeklyInterval[] = [
			{ days: ['tue', 'thu'], from: '09:00', to: '12:00' },
			{ days: ['tue'], from: '14:00', to: '15:00' },
		];
		expect(formatDayTimes(week, 'tue')).toBe('09:00-12:00, 14:00-15:00');
		expect(formatDayTimes(week, 'mon')).toBe('');
		const again = parseDayTimes(formatDayTimes(week, 'tue'));
		expect(again.ok && again.blocks).toEqual([
			{ from: '09:00', to: '12:00' },
			{ from: '14:00', to: '15:00' },
		]);
	});
});

describe('the absence form', () => {
	const today = '2026-12-01';
	it('takes an absence that has begun already (ill since yesterday) and ends today or later', () => {
		expect(absenceFromForm('2026-11-30', '2026-12-01', today)).toEqual({
			ok: true,
			absence: { from: '2026-11-30', to: '2026-12-01' },
		});
	});

	it.each([
		['', '', { from: 'date', to: 'date' }],
		['2027-02-30', '2027-03-01', { from: 'date' }],
		['01.12.2026', '2026-12-02', { from: 'date' }],
		['2026-11-01', '2026-11-30', { to: 'past' }],
		['2026-12-10', '2026-12-09', { to: 'order' }],
		['2026-12-10', '2027-12-11', { to: 'tooLong' }],
	])('refuses %j – %j', (from, to, errors) => {
		expect(absenceFromForm(from, to, today)).toEqual({ ok: false, errors });
	});
});
