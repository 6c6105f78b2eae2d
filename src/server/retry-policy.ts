/**
 * When to try a failed delivery again, and how long to wait. Network errors, server errors
 * (5xx), rate limits (429) and an idempotency conflict (409, a parallel attempt in flight) are
 * temporary; other 4xx (validation, authentication) will not get better by waiting.
 */

export function isRetryableStatus(status: number): boolean {
	return status >= 500 || status === 429 || status === 409 || status === 408;
}

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds, if it is usable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.min(Number(value) * 1000, 24 * 3600 * 1000);
	// Anything else that looks numeric (negative, signed) is not a usable header; only real dates remain.
	if (/^[\s\d.+-]*$/.test(value)) return undefined;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - now, 24 * 3600 * 1000));
}

export const BACKOFF = { baseMs: 5_000, maxMs: 60 * 60 * 1000 };

/**
 * Wait before attempt number `attempts + 1`: 5 s, 10 s, 20 s … (from `baseMs`) capped at an hour, with ±20 %
 * jitter so a recovered provider is not hit by every message at once. A `Retry-After` longer
 * than that wins.
 */
export function nextDelay(
	attempts: number,
	retryAfterMs?: number,
	random: () => number = Math.random,
	baseMs: number = BACKOFF.baseMs,
): number {
	const exponential = Math.min(baseMs * 2 ** Math.min(attempts, 20), BACKOFF.maxMs);
	const jittered = Math.round(exponential * (0.8 + 0.4 * random()));
	return Math.max(jittered, retryAfterMs ?? 0);
}
