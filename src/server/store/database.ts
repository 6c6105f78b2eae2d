/**
 * The SQLite database under the store: opened in WAL mode with full sync (a commit survives a
 * crash the moment it returns) and secure delete (what is deleted is zeroed in the file), with the
 * schema brought up to date from the numbered files in `migrations/`, each in its own
 * transaction, its number kept in `user_version`.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Database {
	db: DatabaseSync;
	/** Runs `work` in a write transaction (taken at once, so writers queue instead of failing later). */
	transaction<T>(work: () => T): T;
	/**
	 * Runs `work` in a write transaction shared with the other work queued in the same turn of the
	 * event loop (group commit): one commit, one sync of the log for all of them, each in a
	 * savepoint of its own, so one that throws is undone alone. Settles after the commit. `work`
	 * must be synchronous: what an async one did after its first await would be outside the batch.
	 */
	groupCommit<T>(work: () => T): Promise<T>;
	/** Commits what is queued, then closes the database. */
	close(): void;
}

interface Queued {
	work: () => unknown;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

export function openDatabase(dataDir: string): Database {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'));
	db.exec(
		'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;',
	);

	function transaction<T>(work: () => T): T {
		db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			db.exec('COMMIT');
			return result;
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	}

	// A burst of form posts (ten arriving together) used to pay ten syncs of the log, one after the
	// other, and the last of them waited for all: the sync is most of a commit's cost.
	let queued: Queued[] = [];
	/** Runs in a callback of its own (setImmediate): it must settle every piece and never throw. */
	function commitQueued(): void {
		const batch = queued;
		queued = [];
		if (batch.length === 0) return;
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		try {
			db.exec('BEGIN IMMEDIATE');
			for (const { work } of batch) {
				db.exec('SAVEPOINT queued');
				let outcome: (typeof outcomes)[number];
				try {
					outcome = { ok: true, value: work() };
				} catch (error) {
					// Undoes this work alone. Should that fail too (the transaction itself is gone: disk
					// full, an I/O error), the whole batch fails below.
					db.exec('ROLLBACK TO queued');
					outcome = { ok: false, error };
				}
				db.exec('RELEASE queued');
				outcomes.push(outcome);
			}
			db.exec('COMMIT');
		} catch (error) {
			try {
				if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
			} catch {
				// The error that ended the batch is the one to report; the rollback's adds nothing.
			}
			for (const { reject } of batch) reject(error);
			return;
		}
		batch.forEach(({ resolve, reject }, i) => {
			const outcome = outcomes[i]!;
			if (outcome.ok) resolve(outcome.value);
			else reject(outcome.error);
		});
	}
	function groupCommit<T>(work: () => T): Promise<T> {
		if (!db.isOpen) return Promise.reject(new Error('the store is closed'));
		return new Promise<T>((resolve, reject) => {
			queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
			// After the posts that arrived in this turn have reached their commit too.
			if (queued.length === 1) setImmediate(commitQueued);
		});
	}
	function close(): void {
		// What was accepted in the last turn before closing is committed, not dropped.
		commitQueued();
		db.close();
	}

	migrate(db, transaction);
	return { db, transaction, groupCommit, close };
}

/** The migration files in order: `0001-name.sql`, `0002-name.sql`, … */
export function migrationFiles(): string[] {
	const files = readdirSync(MIGRATIONS)
		.filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
		.sort();
	files.forEach((file, i) => {
		if (Number(file.slice(0, 4)) !== i + 1)
			throw new Error(`migrations/${file}: expected number ${String(i + 1).padStart(4, '0')}`);
	});
	return files;
}

function migrate(db: DatabaseSync, transaction: Database['transaction']): void {
	const { user_version: version } = db.prepare('PRAGMA user_version').get() as {
		user_version: number;
	};
	for (const [i, file] of migrationFiles().entries()) {
		if (i < version) continue;
		transaction(() => {
			db.exec(readFileSync(join(MIGRATIONS, file), 'utf8'));
			db.exec(`PRAGMA user_version = ${i + 1}`);
		});
	}
}
