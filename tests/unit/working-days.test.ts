/** Working days and deadlines across weekends, public holidays of each country, a German state's holidays and daylight saving. */
import { describe, expect, it } from 'vitest';
import {
	deadlineRules,
	deadlinesOf,
	nextDeadline,
	noticeDue,
} from '../../src/server/office/deadlines.ts';
import { workingCalendar } from '../../src/server/office/working-days.ts';

const HOUR = 3600_000;
const dk = workingCalendar({ country: 'DK', timeZone: 'Europe/Copenhagen' });
const de = workingCalendar({ country: 'DE', timeZone: 'Europe/Berlin' });
const bavaria = workingCalendar({ country: 'DE', region: 'BY', timeZone: 'Europe/Berlin' });
const hu = workingCalendar({ country: 'HU', timeZone: 'Europe/Budapest' });
const bg = workingCalendar({ country: 'BG', timeZone: 'Europe/Sofia' });

/** An instant given as the office's wall clock (the tests' offices are all UTC+1 in winter, +2 in summer). */
const at = (iso: string) => Date.parse(iso);

describe('working days', () => {
	it('skip the weekend and count from the day after arrival', () => {
		// Friday 2026-11-27, 16:00 in Copenhagen.
		const friday = at('2026-11-27T16:00:00+01:00');
		expect(dk.nthWorkingDayAfter(friday, 1)).toBe('2026-11-30');
		expect(dk.nthWorkingDayAfter(friday, 6)).toBe('2026-12-07');
	});

	it('skip each country’s public holidays', () => {
		// Danish Christmas: 25 and 26 December 2026 (a Friday and a Saturday); 24 December is a working day.
		expect(dk.isWorkingDay('2026-12-24')).toBe(true);
		expect(dk.isWorkingDay('2026-12-25')).toBe(false);
		expect(dk.nthWorkingDayAfter(at('2026-12-23T10:00:00+01:00'), 2)).toBe('2026-12-28');
		// Tag der Deutschen Einheit, Saturday 3 October 2026 is a weekend anyway; in 2025 it was a Friday.
		expect(de.isWorkingDay('2025-10-03')).toBe(false);
		expect(de.nthWorkingDayAfter(at('2025-10-02T09:00:00+02:00'), 1)).toBe('2025-10-06');
		// Hungary: 23 October (1956 revolution), Friday in 2026.
		expect(hu.isWorkingDay('2026-10-23')).toBe(false);
		expect(hu.nthWorkingDayAfter(at('2026-10-22T09:00:00+02:00'), 1)).toBe('2026-10-26');
		// Bulgaria: 3 March (Liberation Day), Tuesday in 2026.
		expect(bg.isWorkingDay('2026-03-03')).toBe(false);
		expect(bg.nthWorkingDayAfter(at('2026-03-02T09:00:00+02:00'), 1)).toBe('2026-03-04');
	});

	it("count a German state's own holidays only for an office of that state", () => {
		// Fronleichnam (Thursday 4 June 2026) is a holiday in Bavaria, not nationwide.
		expect(bavaria.isWorkingDay('2026-06-04')).toBe(false);
		expect(de.isWorkingDay('2026-06-04')).toBe(true);
		expect(() =>
			workingCalendar({ country: 'DE', region: 'XX', timeZone: 'Europe/Berlin' }),
		).toThrow(/holidayRegion "XX" is not a region of DE/);
	});

	it("know the office's day and midnight across daylight saving", () => {
		// 23:30 UTC on 24 October is already 25 October in Copenhagen (summer time, UTC+2).
		expect(dk.dayOf(Date.UTC(2026, 9, 24, 23, 30))).toBe('2026-10-25');
		expect(dk.startOf('2026-10-25')).toBe(at('2026-10-25T00:00:00+02:00'));
		// The clocks go back that night: the next midnight is UTC+1.
		expect(dk.startOf('2026-10-26')).toBe(at('2026-10-26T00:00:00+01:00'));
		expect(dk.startOf('2026-03-29')).toBe(at('2026-03-29T00:00:00+01:00'));
	});
});

describe('deadlines', () => {
	const denmark = {
		deadlines: [
			{ kind: 'receipt' as const, within: { workingDays: 6 } },
			{ kind: 'assessment' as const, within: { hours: 24 } },
		],
	};
	const site = { deadlines: { receipt: 5, assessment: 10 } };
	const open = { status: 'new' as const, acknowledgedAt: null };

	it('a receipt within 6 working days ends at the close of the last one and is reminded at its start', () => {
		const receivedAt = at('2026-12-22T15:00:00+01:00');
		const [receipt] = deadlinesOf({ ...open, receivedAt }, deadlineRules({}, denmark, site), dk);
		// 23 Dec, (24 Dec), 28, 29, 30, 31 Dec: Christmas and the weekend do not count.
		expect(receipt).toMatchObject({
			kind: 'receipt',
			remindAt: at('2026-12-31T00:00:00+01:00'),
			dueAt: at('2027-01-01T00:00:00+01:00'),
			met: false,
		});
	});

	it('the 24-hour assessment runs on the clock through a weekend and a holiday, reminded 6 hours before', () => {
		const receivedAt = at('2026-12-24T20:00:00+01:00');
		const [, assessment] = deadlinesOf(
			{ ...open, receivedAt },
			deadlineRules({}, denmark, site),
			dk,
		);
		expect(assessment?.dueAt).toBe(receivedAt + 24 * HOUR);
		expect(assessment?.remindAt).toBe(receivedAt + 18 * HOUR);
		expect(noticeDue(assessment!, receivedAt + 17 * HOUR)).toBeUndefined();
		expect(noticeDue(assessment!, receivedAt + 18 * HOUR)).toBe('reminder');
		expect(noticeDue(assessment!, receivedAt + 24 * HOUR)).toBe('escalation');
	});

	it("where the law sets none, the operator's working days apply, or the office's own", () => {
		const germany = {
			deadlines: [
				{ kind: 'receipt' as const, within: 'operator' as const },
				{ kind: 'assessment' as const, within: 'operator' as const },
			],
		};
		expect(deadlineRules({}, germany, site).map((r) => r.within)).toEqual([
			{ workingDays: 5 },
			{ workingDays: 10 },
		]);
		expect(deadlineRules({ deadlines: { receipt: 2 } }, germany, site)[0]?.within).toEqual({
			workingDays: 2,
		});
		expect(deadlineRules({}, undefined, site)).toEqual([]);
	});

	it('acknowledging meets the receipt, assessing or closing meets both; the next is the earliest open one', () => {
		const rules = deadlineRules({}, denmark, site);
		const receivedAt = at('2026-11-27T16:00:00+01:00');
		const fresh = deadlinesOf({ ...open, receivedAt }, rules, dk);
		expect(nextDeadline(fresh)?.kind).toBe('assessment');
		const acknowledged = deadlinesOf(
			{ status: 'acknowledged', acknowledgedAt: receivedAt + HOUR, receivedAt },
			rules,
			dk,
		);
		expect(acknowledged.map((d) => d.met)).toEqual([true, false]);
		const assessed = deadlinesOf(
			{ status: 'in-assessment', acknowledgedAt: null, receivedAt },
			rules,
			dk,
		);
		expect(assessed.map((d) => d.met)).toEqual([false, true]);
		expect(nextDeadline(assessed)?.kind).toBe('receipt');
		const closed = deadlinesOf({ status: 'closed', acknowledgedAt: null, receivedAt }, rules, dk);
		expect(nextDeadline(closed)).toBeUndefined();
		expect(closed.map((d) => noticeDue(d, receivedAt + 100 * 24 * HOUR))).toEqual([
			undefined,
			undefined,
		]);
	});
});
