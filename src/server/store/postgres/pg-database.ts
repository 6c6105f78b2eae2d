/**
 * The PostgreSQL database under the store: a connection pool, the schema brought up to date from
 * the numbered files in `migrations/` (each in its own transaction, its number kept in
 * `schema_migrations`) under an advisory lock, so instances that start together migrate once and
 * in order, and transactions that run as SQLite's do.
 *
 * SQLite has one writer at a time (`BEGIN IMMEDIATE`), and the store's promises were written for
 * that: "a slot that is free is booked once", "a token counts once", "a budget is not passed".
 * Transactions that read and then write (`writeTransaction`) therefore take one advisory lock
 * first, which gives every instance the same one-writer order; they are short (no network call
 * inside), so they queue for milliseconds. Everything else – claiming the outbox (`FOR UPDATE SKIP
 * LOCKED`), reading, single-row updates – runs side by side.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Keys of `pg_advisory_lock`: any two numbers this application alone uses. */
const MIGRATION_LOCK = 7_411_001;
const WRITE_LOCK = 7_411_002;

// BIGINT (int8) columns hold milliseconds since the epoch and counts, all far below 2^53:
// numbers, not the strings pg returns by default (per pool, not for the whole process).
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	},
};

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface PgDatabase {
	pool: pg.Pool;
	/** One query outside any transaction. */
	query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
	/** Runs `work` in a transaction that holds the one write lock (see above). */
	writeTransaction<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
	/** Runs `work` in a transaction without the write lock. */
	transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export async function openPgDatabase(url: string, poolSize = 10): Promise<PgDatabase> {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		types,
		// A database that does not answer must not hold a request forever.
		connectionTimeoutMillis: 5_000,
		statement_timeout: 15_000,
		application_name: 'child-protection-site',
	});
	// An idle connection the server dropped must not end the process (pg emits it on the pool).
	pool.on('error', (error) => console.error(`store: database connection lost: ${error.name}`));

	async function transaction<T>(work: (db: Queryable) => Promise<T>, lock: boolean): Promise<T> {
		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			if (lock) await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	try {
		await migrate(pool);
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw unreachable(url, error);
	}
	return {
		pool,
		query: (sql, params) => pool.query(sql, params),
		writeTransaction: (work) => transaction(work, true),
		transaction: (work) => transaction(work, false),
		close: () => pool.end(),
	};
}

/**
 * Thrown at start when the database cannot be used: names the server and database (never the
 * password) and the reason, for `npm start` to say without a stack trace.
 */
export class DatabaseUnavailable extends Error {
	override name = 'DatabaseUnavailable';
}

function unreachable(url: string, error: unknown): Error {
	const { code, message } = error as { code?: string; message?: string };
	// A failed migration (a bug, a schema from a newer version) is not a connection problem.
	if (error instanceof DatabaseUnavailable || !code || /^(?!08|28|3D|57P)[0-9A-Z]{5}$/.test(code))
		return error as Error;
	const { hostname, port, pathname } = new URL(url);
	return new DatabaseUnavailable(
		`DATABASE_URL: the database ${pathname.slice(1)} at ${hostname}:${port || 5432} cannot be used (${code}: ${message ?? ''})`,
	);
}

/** The migration files in order: `0001-name.sql`, `0002-name.sql`, … */
export function pgMigrationFiles(): string[] {
	const files = readdirSync(MIGRATIONS)
		.filter((f) => /^\d{4}-[\w-]+\.sql$/.test(f))
		.sort();
	files.forEach((file, i) => {
		if (Number(file.slice(0, 4)) !== i + 1)
			throw new Error(
				`postgres/migrations/${file}: expected number ${String(i + 1).padStart(4, '0')}`,
			);
	});
	return files;
}

/** Applies what is missing, under a session lock: a second instance waits, then finds nothing to do. */
async function migrate(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		// A migration on a large table (or waiting for another instance's) may take longer than a request may.
		await client.query('SET statement_timeout = 0');
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await client.query(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
		);
		const { rows } = await client.query<{ version: number | null }>(
			'SELECT MAX(version) AS version FROM schema_migrations',
		);
		const current = rows[0]?.version ?? 0;
		const files = pgMigrationFiles();
		if (current > files.length)
			throw new DatabaseUnavailable(
				`DATABASE_URL: the database's schema (${current}) is newer than this version knows (${files.length}): update this instance.`,
			);
		for (const [i, file] of files.entries()) {
			if (i < current) continue;
			await client.query('BEGIN');
			try {
				await client.query(readFileSync(join(MIGRATIONS, file), 'utf8'));
				await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
					i + 1,
					Date.now(),
				]);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw error;
			}
		}
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
		await client.query('RESET statement_timeout').catch(() => undefined);
		client.release();
	}
}
