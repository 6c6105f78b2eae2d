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
}

export function openDatabase(dataDir: string): Database {
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'));
	db.exec(
		'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON;',
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

	migrate(db, transaction);
	return { db, transaction };
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
