/**
 * A doorbell between the request handlers (bundled by Astro) and the worker (loaded by Node):
 * two copies of a module cannot share a variable, but they share `globalThis`.
 */
const BELL = Symbol.for('child-protection-site.outbox.wake');

export function setOutboxWake(wake: () => void): void {
	(globalThis as Record<symbol, unknown>)[BELL] = wake;
}

/** Tell the worker there is new work; without a worker in this process, nothing happens. */
export function wakeOutbox(): void {
	((globalThis as Record<symbol, unknown>)[BELL] as (() => void) | undefined)?.();
}
