/**
 * A sliding-window rate limit per key (a client address): at most `limit` hits in any
 * `windowMs`. Memory stays bounded and short: a key keeps at most `limit` timestamps, a key
 * with no hit inside the window is forgotten at the next sweep (the privacy notice promises
 * addresses are held for a minute only), and past `maxKeys` the oldest keys go first.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A limit as the server uses it: in this process's memory (SQLite) or shared by every instance (PostgreSQL, see store/postgres/pg-store.ts). */
export interface RateLimiter {
	take(key: string, now?: number): Promise<RateDecision>;
	/** Forgets every key with no hit inside the window (the server calls it every second). */
	sweep(now?: number): Promise<void>;
}

export interface MemoryRateLimiter extends RateLimiter {
	/** Keys currently tracked (for tests and monitoring). */
	size(): number;
}

export function createRateLimiter(
	limit: number,
	windowMs = 60_000,
	maxKeys = 100_000,
): MemoryRateLimiter {
	const hits = new Map<string, number[]>();
	async function sweep(now = Date.now()) {
		for (const [key, times] of hits)
			if (times[times.length - 1]! <= now - windowMs) hits.delete(key);
	}

	return {
		async take(key, now = Date.now()) {
			if (limit <= 0) return { ok: true };
			const times = hits.get(key) ?? [];
			// The times are in order: those that left the window go from the front, in place. A copy
			// of the list on every hit cost a key with a high limit (a proxy, an office network) its
			// whole list per request, and the garbage collector the copies.
			const inWindow = times.findIndex((t) => t > now - windowMs);
			times.splice(0, inWindow === -1 ? times.length : inWindow);
			if (times.length >= limit) {
				return {
					ok: false,
					retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000)),
				};
			}
			times.push(now);
			// Re-inserting moves the key to the end: Map order is then least recently used first.
			hits.delete(key);
			hits.set(key, times);
			if (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
			return { ok: true };
		},
		sweep,
		size: () => hits.size,
	};
}
