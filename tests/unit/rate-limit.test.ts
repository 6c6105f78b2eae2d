import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from '../../src/server/rate-limit.ts';
import { storeBackends, type OpenedStore } from '../fixtures/store-backends.ts';

const T0 = 1_800_000_000_000;

/** The in-process limit (SQLite, one instance) and the one in the database (PostgreSQL, every instance). */
const LIMITERS = storeBackends().map((backend) => ({ name: backend.name, backend }));

describe.each(LIMITERS)('the rate limit of the $name store', ({ backend }) => {
	let opened: OpenedStore;
	let made = 0;
	beforeAll(async () => {
		opened = await backend.open();
	});
	afterAll(async () => {
		await opened.cleanup();
	});
	/** A limiter of its own for each test (its own name: counts never mix). */
	const limiter = (limit: number, windowMs = 60_000): RateLimiter =>
		opened.store.rateLimiter(`test-${++made}`, limit, windowMs);

	it('lets 10 posts a minute through and refuses the 11th with the seconds to wait', async () => {
		const posts = limiter(10);
		for (let i = 0; i < 10; i++)
			expect(await posts.take('203.0.113.1', T0 + i * 1000)).toEqual({ ok: true });
		// The first hit leaves the window 60 s after it: 50 s after the 11th attempt at +10 s.
		expect(await posts.take('203.0.113.1', T0 + 10_000)).toEqual({
			ok: false,
			retryAfterSeconds: 50,
		});
	});

	it('counts each address on its own', async () => {
		const posts = limiter(10);
		for (let i = 0; i < 11; i++) await posts.take('203.0.113.1', T0);
		expect(await posts.take('203.0.113.2', T0)).toEqual({ ok: true });
	});

	it('slides: as old posts leave the window, new ones are allowed again', async () => {
		const posts = limiter(2);
		await posts.take('a', T0);
		await posts.take('a', T0 + 30_000);
		expect((await posts.take('a', T0 + 59_999)).ok).toBe(false);
		expect((await posts.take('a', T0 + 60_001)).ok).toBe(true);
		expect((await posts.take('a', T0 + 60_002)).ok).toBe(false);
	});

	it('refused attempts do not extend the wait', async () => {
		const posts = limiter(1);
		await posts.take('a', T0);
		for (let i = 1; i < 50; i++) await posts.take('a', T0 + i * 1000);
		expect((await posts.take('a', T0 + 60_001)).ok).toBe(true);
	});

	it('is off with a limit of 0', async () => {
		const posts = limiter(0);
		for (let i = 0; i < 100; i++) expect((await posts.take('a', T0)).ok).toBe(true);
	});

	it('holds for requests at the same moment: of 30 at once, exactly the limit pass', async () => {
		const posts = limiter(5);
		const decisions = await Promise.all(
			Array.from({ length: 30 }, () => posts.take('203.0.113.9', T0)),
		);
		expect(decisions.filter((d) => d.ok)).toHaveLength(5);
	});

	it('a sweep forgets what left the window, and nothing that is still in it', async () => {
		const posts = limiter(1);
		await posts.take('a', T0);
		await posts.sweep(T0 + 59_999);
		expect((await posts.take('a', T0 + 59_999)).ok).toBe(false);
		await posts.sweep(T0 + 60_000);
		expect((await posts.take('a', T0 + 60_000)).ok).toBe(true);
	});
});

describe('the rate limit shared by instances (PostgreSQL)', () => {
	const postgres = storeBackends().find((b) => b.name === 'PostgreSQL');
	it.skipIf(!postgres)('counts hits from two instances together', async () => {
		const opened = await postgres!.open();
		try {
			const other = await opened.another();
			const here = opened.store.rateLimiter('posts', 4, 60_000);
			const there = other.rateLimiter('posts', 4, 60_000);
			const decisions = [];
			for (let i = 0; i < 4; i++) {
				decisions.push(await here.take('client', T0 + i));
				decisions.push(await there.take('client', T0 + i));
			}
			expect(decisions.map((d) => d.ok)).toEqual([
				true,
				true,
				true,
				true,
				false,
				false,
				false,
				false,
			]);
		} finally {
			await opened.cleanup();
		}
	});
});

describe('the in-process rate limit', () => {
	it('keeps its memory bounded and short: at most maxKeys addresses, each forgotten a minute after its last post', async () => {
		const limiter = createRateLimiter(10, 60_000, 100);
		for (let i = 0; i < 1000; i++) await limiter.take(`198.51.100.${i}`, T0);
		expect(limiter.size()).toBe(100);
		await limiter.sweep(T0 + 59_999);
		expect(limiter.size()).toBe(100);
		// A minute after its last post an address is forgotten.
		await limiter.sweep(T0 + 60_000);
		expect(limiter.size()).toBe(0);
	});

	it('a key with a high limit (many people behind one address) counts exactly as the window slides', async () => {
		const limiter = createRateLimiter(5000);
		// 100 posts a second for two minutes: the first 50 s fill the limit; from 60 s on, each post
		// that leaves the window makes room for one new one (50 s of them), then it is full again.
		let passed = 0;
		for (let ms = 0; ms < 120_000; ms += 10)
			if ((await limiter.take('192.0.2.1', T0 + ms)).ok) passed++;
		expect(passed).toBe(10_000);
		// At 120 s the post of 60 s leaves: room for exactly one.
		expect(await limiter.take('192.0.2.1', T0 + 120_000)).toEqual({ ok: true });
		expect((await limiter.take('192.0.2.1', T0 + 120_000)).ok).toBe(false);
	});
});
