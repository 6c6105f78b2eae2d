import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/server/rate-limit.ts';

const T0 = 1_800_000_000_000;

describe('createRateLimiter', () => {
	it('lets 10 posts a minute through and refuses the 11th with the seconds to wait', () => {
		const limiter = createRateLimiter(10);
		for (let i = 0; i < 10; i++)
			expect(limiter.take('203.0.113.1', T0 + i * 1000)).toEqual({ ok: true });
		// The first hit leaves the window 60 s after it: 50 s after the 11th attempt at +10 s.
		expect(limiter.take('203.0.113.1', T0 + 10_000)).toEqual({ ok: false, retryAfterSeconds: 50 });
	});

	it('counts each address on its own', () => {
		const limiter = createRateLimiter(10);
		for (let i = 0; i < 11; i++) limiter.take('203.0.113.1', T0);
		expect(limiter.take('203.0.113.2', T0)).toEqual({ ok: true });
	});

	it('slides: as old posts leave the window, new ones are allowed again', () => {
		const limiter = createRateLimiter(2);
		limiter.take('a', T0);
		limiter.take('a', T0 + 30_000);
		expect(limiter.take('a', T0 + 59_999).ok).toBe(false);
		expect(limiter.take('a', T0 + 60_001).ok).toBe(true);
		expect(limiter.take('a', T0 + 60_002).ok).toBe(false);
	});

	it('refused attempts do not extend the wait', () => {
		const limiter = createRateLimiter(1);
		limiter.take('a', T0);
		for (let i = 1; i < 50; i++) limiter.take('a', T0 + i * 1000);
		expect(limiter.take('a', T0 + 60_001).ok).toBe(true);
	});

	it('is off with a limit of 0', () => {
		const limiter = createRateLimiter(0);
		for (let i = 0; i < 1000; i++) expect(limiter.take('a', T0).ok).toBe(true);
	});

	it('keeps its memory bounded and short: at most maxKeys addresses, each forgotten a minute after its last post', () => {
		const limiter = createRateLimiter(10, 60_000, 100);
		for (let i = 0; i < 1000; i++) limiter.take(`198.51.100.${i}`, T0);
		expect(limiter.size()).toBe(100);
		limiter.sweep(T0 + 59_999);
		expect(limiter.size()).toBe(100);
		// A minute after its last post an address is forgotten.
		limiter.sweep(T0 + 60_000);
		expect(limiter.size()).toBe(0);
	});
});
