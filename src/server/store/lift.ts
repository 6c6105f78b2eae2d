/**
 * A synchronous SQLite call behind the store's asynchronous interface: node:sqlite answers at once,
 * the PostgreSQL store over the network, and callers await both the same way.
 */
export function lift<A extends unknown[], R>(work: (...args: A) => R): (...args: A) => Promise<R> {
	return async (...args) => work(...args);
}
