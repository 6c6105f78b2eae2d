/**
 * Backups of the SQLite store while the site runs, and their restore. The backup is SQLite's own
 * online copy (`node:sqlite`'s `backup()`): page by page from a consistent snapshot, while the
 * server goes on accepting concerns. What it copies is what the store holds – bodies encrypted with
 * the data key, which is not in the copy: keep the key (DATA_KEY, or DATA_DIR/data.key) apart from
 * the backups, as the README says; without it a backup's bodies cannot be read, by anyone.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

const STORE_FILE = 'store.sqlite';

export interface BackupReport {
	pages: number;
	submissions: number;
}

/** Whether the file is an intact store: SQLite's integrity check, and its submissions counted. */
function check(file: string): number {
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		const { integrity_check: integrity } = db.prepare('PRAGMA integrity_check').get() as {
			integrity_check: string;
		};
		if (integrity !== 'ok') throw new Error(`${file} is damaged: ${integrity}`);
		return Number((db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n);
	} finally {
		db.close();
	}
}

/** Copies the store in DATA_DIR to `file` (which must not exist yet), and checks the copy. */
export async function backupStore(dataDir: string, file: string): Promise<BackupReport> {
	const source = join(dataDir, STORE_FILE);
	if (!existsSync(source)) throw new Error(`No store at ${source}`);
	if (existsSync(file)) throw new Error(`${file} exists already: a backup never overwrites`);
	const db = new DatabaseSync(source);
	let pages: number;
	try {
		pages = await backup(db, file);
	} finally {
		db.close();
	}
	return { pages, submissions: check(file) };
}

/**
 * Puts a backup in place of the store in DATA_DIR (the server must be stopped: it holds the store
 * open). The store's write-ahead log goes too, or SQLite would replay it over the backup.
 */
export function restoreStore(dataDir: string, file: string): BackupReport {
	const submissions = check(file);
	const target = join(dataDir, STORE_FILE);
	for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
	copyFileSync(file, target);
	return { pages: 0, submissions };
}
