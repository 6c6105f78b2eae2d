import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/store/database.ts';

// The SQLite store's form posts share their commits (store/database.ts, `groupCommit`): what is
// queued in one turn of the event loop is committed together, each piece in its own savepoint.
let dir: string;
let database: Database;
/** Another connection to the same file: it sees only what was committed. */
let outside: DatabaseSync;

const useToken = (hash: string) =>
	database.db
		.prepare('INSERT INTO used_tokens (hash, submission_id, expires_at) VALUES (?, ?, ?)')
		.run(hash, `submission of ${hash}`, 1);
const committed = () =>
	(outside.prepare('SELECT hash FROM used_tokens ORDER BY hash').all() as { hash: string }[]).map(
		(r) => r.hash,
	);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
	database = openDatabase(dir);
	outside = new DatabaseSync(join(dir, 'store.sqlite'));
});
afterEach(() => {
	outside.close();
	if (database.db.isOpen) database.db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
	it('commits what was queued in one turn together', async () => {
		const pieces = ['a', 'b', 'c'].map((hash) =>
			database.groupCommit(() => {
				useToken(hash);
				return hash;
			}),
		);
		// Nothing is written while the turn that queued the pieces goes on.
		expect(committed()).toEqual([]);
		expect(await Promise.all(pieces)).toEqual(['a', 'b', 'c']);
		expect(committed()).toEqual(['a', 'b', 'c']);
	});

	it('tells no piece it was stored when the commit fails, even if every piece went through', async () => {
		// A case for a submission that does not exist passes its insert and fails the commit.
		database.db.exec('PRAGMA defer_foreign_keys = ON');
		const fine = database.groupCommit(() => useToken('fine'));
		const orphan = database.groupCommit(() =>
			database.db
				.prepare(
					`INSERT INTO office_cases (submission_id, office_id, urgent, received_at, status_changed_at) VALUES ('nobody', 'x', 0, 1, 1)`,
				)
				.run(),
		);
		await expect(fine).rejects.toThrow(/FOREIGN KEY/);
		await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
		expect(committed()).toEqual([]);
		expect(database.db.isTransaction).toBe(false);
		await database.groupCommit(() => useToken('after'));
		expect(committed()).toEqual(['after']);
	});

	it('closing commits what is queued first; afterwards a piece is refused, never left waiting', async () => {
		const queued = database.groupCommit(() => useToken('last'));
		database.close();
		await expect(queued).resolves.toBeDefined();
		expect(committed()).toEqual(['last']);
		await expect(database.groupCommit(() => useToken('late'))).rejects.toThrow('closed');
	});

	it('a database closed under a queued piece fails that piece and leaves the process alone', async () => {
		const queued = database.groupCommit(() => useToken('lost'));
		database.db.close();
		await expect(queued).rejects.toThrow(/not open/);
		expect(committed()).toEqual([]);
	});

	it('undoes a piece that fails alone: the others are committed, its own writes are not', async () => {
		const first = database.groupCommit(() => useToken('first'));
		const failing = database.groupCommit(() => {
			useToken('half-written');
			throw new Error('the check after the write failed');
		});
		const last = database.groupCommit(() => useToken('last'));
		await expect(failing).rejects.toThrow('the check after the write failed');
		await Promise.all([first, last]);
		expect(committed()).toEqual(['first', 'last']);
	});

	it('a piece sees what the pieces before it wrote, as in separate transactions one after the other', async () => {
		await database.groupCommit(() => useToken('taken'));
		const [again, other] = await Promise.all([
			database.groupCommit(() => Number(useTokenOnce('taken').changes)),
			database.groupCommit(() => Number(useTokenOnce('other').changes)),
		]);
		expect([again, other]).toEqual([0, 1]);
		const [firstTake, secondTake] = await Promise.all([
			database.groupCommit(() => Number(useTokenOnce('raced').changes)),
			database.groupCommit(() => Number(useTokenOnce('raced').changes)),
		]);
		expect([firstTake, secondTake]).toEqual([1, 0]);
	});

	it('fails every piece of the batch when the database cannot be written, and nothing is half-stored', async () => {
		database.db.exec('PRAGMA busy_timeout = 0');
		// Another process holds the write lock.
		outside.exec('BEGIN IMMEDIATE');
		const pieces = ['x', 'y'].map((hash) => database.groupCommit(() => useToken(hash)));
		for (const piece of pieces) await expect(piece).rejects.toThrow(/locked/);
		outside.exec('ROLLBACK');
		expect(database.db.isTransaction).toBe(false);
		// It works again once the lock is gone.
		await database.groupCommit(() => useToken('z'));
		expect(committed()).toEqual(['z']);
	});
});

function useTokenOnce(hash: string) {
	return database.db
		.prepare(
			'INSERT INTO used_tokens (hash, submission_id, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
		)
		.run(hash, `submission of ${hash}`, 1);
}
