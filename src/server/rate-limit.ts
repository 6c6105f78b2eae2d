/**
 * A sliding-window rate limit per key (a client address): at most `limit` hits in any
 * `windowMs`. Memory stays bounded: a key keeps at most `limit` timestamps, idle keys are
 * dropped, and past `maxKeys` the oldest keys go first.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
	take(key: string, now?: number): RateDecision;
	/** Keys currently tracked (for tests and monitoring). */
	size(): number;
}

export function createRateLimiter(limit: number, windowMs = 60_000, maxKeys = 100_000): RateLimiter {
	const hits = new Map<string, number[]>();
	let lastSweep = 0;

	function sweep(now: number) {
		for (const [key, times] of hits) if (times[times.length - 1]! <= now - windowMs) hits.delete(key);
		lastSweep = now;
	}

	return {
		take(key, now = Date.now()) {
			if (limit <= 0) return { ok: true };
			if (now - lastSweep > windowMs) sweep(now);
			const times = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
			if (times.length >= limit) {
				hits.set(key, times);
				return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000)) };
			}
			times.push(now);
			// Re-inserting moves the key to the end: Map order is then least recently used first.
			hits.delete(key);
			hits.set(key, times);
			if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
			return { ok: true };
		},
		size: () => hits.size,
	};
}
