import { describe, expect, it } from 'vitest';
import {
	BACKOFF,
	isRetryableStatus,
	nextDelay,
	parseRetryAfter,
} from '../../src/server/retry-policy.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('isRetryableStatus', () => {
	it.each([500, 502, 503, 504, 429, 409, 408])('%i is temporary', (status) => {
		expect(isRetryableStatus(status)).toBe(true);
	});

	it.each([400, 401, 403, 404, 422])('%i is permanent', (status) => {
		expect(isRetryableStatus(status)).toBe(false);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds', () => {
		expect(parseRetryAfter('120', NOW)).toBe(120_000);
		expect(parseRetryAfter('0', NOW)).toBe(0);
		expect(parseRetryAfter('1.5', NOW)).toBe(1500);
	});

	it('reads an HTTP date relative to now', () => {
		expect(parseRetryAfter('Tue, 10 Mar 2026 12:01:30 GMT', NOW)).toBe(90_000);
		expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
	});

	it('treats a date in the past as "now"', () => {
		expect(parseRetryAfter('Tue, 10 Mar 2026 11:00:00 GMT', NOW)).toBe(0);
	});

	it('caps the wait at a day', () => {
		expect(parseRetryAfter(String(7 * 24 * 3600), NOW)).toBe(24 * 3600 * 1000);
		expect(parseRetryAfter('Fri, 10 Mar 2028 12:00:00 GMT', NOW)).toBe(24 * 3600 * 1000);
	});

	it.each([undefined, null, '', 'soon', 'garbage', '5m', 'Tue, 99 Foo 2026'])(
		'ignores %j',
		(value) => {
			expect(parseRetryAfter(value, NOW)).toBeUndefined();
		},
	);

	it.each(['-5', '-1', '-0.5', '-3600'])('ignores the negative value %j', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('nextDelay', () => {
	const middle = () => 0.5; // no jitter: factor 0.8 + 0.4 * 0.5 = 1

	it('grows exponentially from the base', () => {
		expect([0, 1, 2, 3, 4].map((a) => nextDelay(a, undefined, middle))).toEqual([
			5000, 10_000, 20_000, 40_000, 80_000,
		]);
		expect([0, 1, 2].map((a) => nextDelay(a, undefined, middle, 100))).toEqual([100, 200, 400]);
		expect(BACKOFF.baseMs).toBe(5000);
	});

	it('is capped at an hour (before jitter)', () => {
		expect(nextDelay(10, undefined, middle)).toBe(BACKOFF.maxMs);
		expect(nextDelay(20, undefined, middle)).toBe(BACKOFF.maxMs);
		expect(nextDelay(1000, undefined, middle)).toBe(BACKOFF.maxMs);
		expect(nextDelay(1000, undefined, () => 0.999_999)).toBeLessThanOrEqual(BACKOFF.maxMs * 1.2);
	});

	it('stays within ±20 % jitter', () => {
		expect(nextDelay(2, undefined, () => 0)).toBe(16_000);
		expect(nextDelay(2, undefined, () => 0.999_999_9)).toBe(24_000);
		for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
			const d = nextDelay(3, undefined, () => r);
			expect(d).toBeGreaterThanOrEqual(32_000);
			expect(d).toBeLessThanOrEqual(48_000);
		}
		// different random draws give different delays
		expect(nextDelay(3, undefined, () => 0.1)).not.toBe(nextDelay(3, undefined, () => 0.9));
	});

	it('lets a longer Retry-After win, and a shorter one not', () => {
		expect(nextDelay(0, 60_000, middle)).toBe(60_000);
		expect(nextDelay(0, 1000, middle)).toBe(5000);
		expect(nextDelay(0, 0, middle)).toBe(5000);
		expect(nextDelay(12, 2 * 3600 * 1000, () => 1)).toBe(2 * 3600 * 1000);
	});
});
