import { describe, expect, it } from 'vitest';
import type { WeeklyInterval } from '../../src/lib/content-schemas.ts';
import {
	freeSlots,
	instantOf,
	parseSlotId,
	slotId,
	slotsByDay,
	type BookedSlot,
	type Slot,
	type SlotQuery,
} from '../../src/lib/slots.ts';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

function specialist(
	id: string,
	availability: WeeklyInterval[],
	slotMinutes = 45,
	absences: { from: string; to: string }[] = [],
) {
	return { id, availability, slotMinutes, absences };
}

const anna = specialist('anna', [{ days: ['tue'], from: '09:00', to: '12:00' }]);

/** The start of each day's first slot. */
const firstOfEachDay = (slots: Slot[]) =>
	slots.filter((s, i) => slots.findIndex((t) => t.date === s.date) === i).map((s) => iso(s.start));

function query(overrides: Partial<SlotQuery>): SlotQuery {
	return {
		timeZone: 'Europe/Berlin',
		specialists: [anna],
		booked: [],
		now: Date.UTC(2026, 11, 1, 0),
		minNoticeMs: 0,
		horizonDays: 7,
		...overrides,
	};
}

describe('instantOf', () => {
	it('turns a wall-clock time into the instant it happens, winter and summer', () => {
		expect(
			iso(instantOf({ year: 2026, month: 12, day: 1, hour: 9, minute: 0 }, 'Europe/Berlin')!),
		).toBe('2026-12-01T08:00:00.000Z');
		expect(
			iso(instantOf({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Europe/Copenhagen')!),
		).toBe('2026-07-01T07:00:00.000Z');
		expect(
			iso(instantOf({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Europe/Sofia')!),
		).toBe('2026-07-01T06:00:00.000Z');
	});

	it('has no instant for the hour skipped when the clocks go forward', () => {
		expect(
			instantOf({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, 'Europe/Berlin'),
		).toBeUndefined();
	});

	it('takes the first of the two instants of the hour repeated when the clocks go back', () => {
		expect(
			iso(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')!),
		).toBe('2026-10-25T00:30:00.000Z');
	});
});

describe('freeSlots', () => {
	it("cuts the weekly availability into slots of the specialist's length that fit inside it", () => {
		const slots = freeSlots(query({}));
		expect(slots.map((s) => iso(s.start))).toEqual([
			'2026-12-01T08:00:00.000Z',
			'2026-12-01T08:45:00.000Z',
			'2026-12-01T09:30:00.000Z',
			'2026-12-01T10:15:00.000Z',
		]);
		expect(
			slots.every(
				(s) =>
					s.end - s.start === 45 * 60_000 && s.specialistId === 'anna' && s.date === '2026-12-01',
			),
		).toBe(true);
		// The next Tuesday is 8 days away: outside a 7-day horizon.
		expect(freeSlots(query({ horizonDays: 8 }))).toHaveLength(8);
	});

	it('leaves out booked slots, and slots that overlap a booking of the same specialist', () => {
		const booked: BookedSlot[] = [
			{ specialistId: 'anna', start: Date.UTC(2026, 11, 1, 8), end: Date.UTC(2026, 11, 1, 8, 45) },
			// Booked when slots were longer and started elsewhere: overlaps the 10:30 and 11:15 slots.
			{
				specialistId: 'anna',
				start: Date.UTC(2026, 11, 1, 9, 40),
				end: Date.UTC(2026, 11, 1, 10, 20),
			},
			// Another specialist's booking takes nothing from Anna.
			{
				specialistId: 'ben',
				start: Date.UTC(2026, 11, 1, 8, 45),
				end: Date.UTC(2026, 11, 1, 9, 30),
			},
		];
		expect(freeSlots(query({ booked })).map((s) => iso(s.start))).toEqual([
			'2026-12-01T08:45:00.000Z',
		]);
	});

	it('keeps the minimum notice: nothing starts sooner than that after now', () => {
		// Monday 30 November 10:00 Berlin time; 24 hours' notice.
		const now = Date.UTC(2026, 10, 30, 9);
		const slots = freeSlots(query({ now, minNoticeMs: 24 * HOUR }));
		expect(slots.map((s) => iso(s.start))).toEqual([
			'2026-12-01T09:30:00.000Z',
			'2026-12-01T10:15:00.000Z',
		]);
		expect(slots.every((s) => s.start >= now + 24 * HOUR)).toBe(true);
	});

	it('offers nothing at or after the horizon', () => {
		const now = Date.UTC(2026, 11, 1, 7);
		const slots = freeSlots(query({ now, horizonDays: 14 }));
		expect(slots.length).toBe(8); // 1 and 8 December; 15 December is 14 days and an hour away
		expect(slots.every((s) => s.start < now + 14 * DAY)).toBe(true);
	});

	it('leaves out the days of an absence, both ends included', () => {
		const away = specialist('anna', anna.availability, 45, [
			{ from: '2026-12-01', to: '2026-12-08' },
		]);
		const slots = freeSlots(query({ specialists: [away], horizonDays: 21 }));
		expect([...new Set(slots.map((s) => s.date))]).toEqual(['2026-12-15']);
	});

	it('lists several specialists in time order', () => {
		const ben = specialist('ben', [{ days: ['tue'], from: '08:30', to: '09:30' }], 30);
		const slots = freeSlots(query({ specialists: [anna, ben] }));
		expect(slots.slice(0, 4).map((s) => `${s.specialistId} ${iso(s.start)}`)).toEqual([
			'ben 2026-12-01T07:30:00.000Z',
			'anna 2026-12-01T08:00:00.000Z',
			'ben 2026-12-01T08:00:00.000Z',
			'anna 2026-12-01T08:45:00.000Z',
		]);
	});

	it('counts the local days of the office, not of UTC', () => {
		// Auckland is 13 hours ahead: Tuesday 09:00 there is Monday 20:00 UTC.
		const slots = freeSlots(
			query({ timeZone: 'Pacific/Auckland', now: Date.UTC(2026, 10, 29, 0) }),
		);
		expect(iso(slots[0]!.start)).toBe('2026-11-30T20:00:00.000Z');
		expect(slots[0]!.date).toBe('2026-12-01');
	});

	for (const timeZone of ['Europe/Berlin', 'Europe/Copenhagen']) {
		describe(`in ${timeZone}, the weeks the clocks change`, () => {
			it('keeps 09:00 at 09:00 local time when summer time starts (28 March 2027)', () => {
				const now = Date.UTC(2027, 2, 22, 0);
				expect(firstOfEachDay(freeSlots(query({ timeZone, now, horizonDays: 10 })))).toEqual([
					'2027-03-23T08:00:00.000Z',
					'2027-03-30T07:00:00.000Z',
				]);
			});

			it('keeps 09:00 at 09:00 local time when summer time ends (25 October 2026)', () => {
				const now = Date.UTC(2026, 9, 19, 0);
				expect(firstOfEachDay(freeSlots(query({ timeZone, now, horizonDays: 10 })))).toEqual([
					'2026-10-20T07:00:00.000Z',
					'2026-10-27T08:00:00.000Z',
				]);
			});

			it('skips the hour that does not exist and offers the repeated hour once', () => {
				const night = specialist('night', [{ days: ['sun'], from: '01:00', to: '04:00' }], 60);
				const spring = freeSlots(
					query({ timeZone, specialists: [night], now: Date.UTC(2027, 2, 27, 0), horizonDays: 2 }),
				);
				expect(spring.map((s) => iso(s.start))).toEqual([
					'2027-03-28T00:00:00.000Z',
					'2027-03-28T01:00:00.000Z',
				]);
				const autumn = freeSlots(
					query({ timeZone, specialists: [night], now: Date.UTC(2026, 9, 24, 0), horizonDays: 2 }),
				);
				expect(autumn.map((s) => iso(s.start))).toEqual([
					'2026-10-24T23:00:00.000Z',
					'2026-10-25T00:00:00.000Z',
					'2026-10-25T02:00:00.000Z',
				]);
				// No two slots overlap, even in the night the clocks go back.
				for (let i = 1; i < autumn.length; i++)
					expect(autumn[i]!.start).toBeGreaterThanOrEqual(autumn[i - 1]!.end);
			});
		});
	}
});

describe('slot ids', () => {
	it('round-trip', () => {
		const slot = { specialistId: 'anna', start: Date.UTC(2026, 11, 1, 8) };
		expect(slotId(slot)).toBe('anna@2026-12-01T08:00:00.000Z');
		expect(parseSlotId(slotId(slot))).toEqual(slot);
	});

	it('refuse anything else', () => {
		for (const junk of [
			'',
			'anna',
			'anna@',
			'@2026-12-01T08:00:00.000Z',
			'Anna@2026-12-01T08:00:00.000Z',
			'anna@2026-12-01',
			'anna@2026-13-45T99:00:00.000Z',
			'a@b@2026-12-01T08:00:00.000Z',
		]) {
			expect(parseSlotId(junk), junk).toBeUndefined();
		}
	});
});

describe('slotsByDay', () => {
	it('groups the slots by day, the next free day first, each day in time order', () => {
		const at = (date: string, hour: number, specialistId = 'anna'): Slot => ({
			specialistId,
			start: Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`),
			end: 0,
			date,
		});
		const days = slotsByDay([
			at('2026-12-03', 9),
			at('2026-12-01', 10),
			at('2026-12-01', 8, 'jonas'),
			at('2026-12-02', 9),
		]);
		expect(days.map((d) => d[0]!.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
		expect(days[0]!.map((s) => s.specialistId)).toEqual(['jonas', 'anna']);
		expect(slotsByDay([])).toEqual([]);
	});
});
