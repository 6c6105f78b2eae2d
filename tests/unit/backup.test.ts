/**
 * Backups, and restoring from them, on both backends: `npm run backup` for SQLite (online, while
 * another connection keeps writing), pg_dump and pg_restore for PostgreSQL, as the README shows.
 * A restored store holds every submission with its reference, body and outbox state.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openSqliteStore, type MessageKind, type Store } from '../../src/server/store.ts';
import { openPostgresStore } from '../../src/server/store/postgres/pg-store.ts';
import { createDatabase, postgresBin } from '../fixtures/postgres-cluster.ts';

const T0 = 1_800_000_000_000;
const folders: string[] = [];
const folder = (name: string) => {
	const dir = mkdtempSync(join(tmpdir(), `${name}-`));
	folders.push(dir);
	return dir;
};
afterEach(() => {
	for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const concern = (i: number, messages: MessageKind[] = ['concern-office']) => ({
	id: `s${i}`,
	kind: 'concern' as const,
	officeId: 'de-musterstadt',
	locale: 'de',
	body: new TextEncoder().encode(`sealed body ${i}`),
	messages,
	now: T0 + i,
});

/** What a store holds, as a restore must give it back. */
async function contents(store: Store, ids: number[]) {
	const rows = [];
	for (const i of ids) {
		const body = await store.body(`s${i}`);
		rows.push([i, body && new TextDecoder().decode(body)]);
	}
	return { rows, health: await store.health(T0 + 10_000) };
}

/** Runs `npm run backup -- …` as its own process (the test's event loop keeps running meanwhile). */
function npmBackup(
	dataDir: string,
	...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/backup.mjs', ...args], {
			env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

describe('the SQLite store', () => {
	it('`npm run backup -- FILE` copies it while it takes submissions; `--restore FILE` puts the copy back', async () => {
		const live = folder('backup-live');
		const store = openSqliteStore(live);
		for (let i = 0; i < 100; i++) await store.accept(concern(i));
		const [first] = await store.claimDue(T0 + 1000, 1, 60_000);
		await store.markSent(first!.id, T0 + 1000, 'p1');
		const before = await contents(store, [...Array(100).keys()]);

		const file = join(folder('backup-files'), 'store-backup.sqlite');
		// Online: the server's connection keeps writing while the copy is made.
		const backingUp = npmBackup(live, file);
		let written = 100;
		let running = true;
		void backingUp.then(() => (running = false));
		while (running || written < 110) {
			await store.accept(concern(written++));
			await new Promise((resolve) => setImmediate(resolve));
		}
		const made = await backingUp;
		expect(made.status, made.stderr).toBe(0);
		expect(made.stdout).toMatch(/Backed up .* integrity checked/);
		expect((await npmBackup(live, file)).stderr, 'never overwrites').toMatch(/exists already/);
		await store.close();

		const restored = folder('backup-restored');
		const back = await npmBackup(restored, '--restore', file);
		expect(back.status, back.stderr).toBe(0);
		const again = openSqliteStore(restored);
		try {
			expect(await contents(again, [...Array(100).keys()])).toMatchObject({ rows: before.rows });
			expect((await again.health(T0 + 10_000)).sent).toBe(1);
		} finally {
			await again.close();
		}
	});

	it('refuses to run against PostgreSQL, and names what to use instead', () => {
		const refused = spawnSync(process.execPath, ['scripts/backup.mjs', 'x.sqlite'], {
			env: {
				...process.env,
				DATABASE_URL: 'postgres://postgres@127.0.0.1:1/site',
				DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
			},
			encoding: 'utf8',
		});
		expect(refused.status).toBe(2);
		expect(refused.stderr).toMatch(/pg_dump/);
	});
});

describe.skipIf(!inject('postgresUrl'))('the PostgreSQL store', () => {
	it('pg_dump and pg_restore give back every submission, body and outbox state', async () => {
		const bin = postgresBin()!;
		const source = await createDatabase(inject('postgresUrl'));
		const store = await openPostgresStore(source, 2);
		for (let i = 0; i < 50; i++)
			await store.accept(concern(i, ['concern-office', 'concern-receipt']));
		const [first] = await store.claimDue(T0 + 1000, 1, 60_000);
		await store.markSent(first!.id, T0 + 1000, 'p1');
		const before = await contents(store, [...Array(50).keys()]);
		const dump = join(folder('pg-dump'), 'site.dump');
		execFileSync(join(bin, 'pg_dump'), ['--format=custom', `--file=${dump}`, `--dbname=${source}`]);
		await store.close();
		expect(existsSync(dump)).toBe(true);

		const target = await createDatabase(inject('postgresUrl'));
		execFileSync(join(bin, 'pg_restore'), ['--no-owner', `--dbname=${target}`, dump]);
		const restored = await openPostgresStore(target, 2);
		try {
			expect(await contents(restored, [...Array(50).keys()])).toEqual(before);
			// The restored database goes on: the schema is current, the next message is the next one.
			const [next] = await restored.claimDue(T0 + 2000, 1, 60_000);
			expect(next?.id).not.toBe(first!.id);
		} finally {
			await restored.close();
		}
	});
});
