/**
 * The process's store and data key, opened on first use from the configuration. The HTTP
 * server (with the outbox worker) and the bundled actions each hold one; both point at the same
 * database file, which SQLite's WAL mode lets them share.
 */
import { config } from './config.ts';
import { loadDataKey } from './data-crypto.ts';
import { openSqliteStore, type Store } from './store.ts';

let store: Store | undefined;
let key: Buffer | undefined;

export function getStore(): Store {
	return (store ??= openSqliteStore(config().DATA_DIR));
}

export function getDataKey(): Buffer {
	return (key ??= loadDataKey(config().DATA_DIR, config().DATA_KEY));
}
