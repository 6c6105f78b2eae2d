// `npm run backup -- FILE`: an online backup of the SQLite store in DATA_DIR to FILE, while the
// site runs. `npm run backup -- --restore FILE`: puts FILE back (stop the server first).
// With DATABASE_URL the store is PostgreSQL: use pg_dump and pg_restore (README, "Backups").
import { configOrExit } from './config-or-exit.mjs';
import { backupStore, restoreStore } from '../src/server/store/sqlite-backup.ts';

const args = process.argv.slice(2);
const restore = args[0] === '--restore';
const file = restore ? args[1] : args[0];
if (!file || file.startsWith('-') || args.length !== (restore ? 2 : 1)) {
	console.error('Usage: npm run backup -- FILE   |   npm run backup -- --restore FILE');
	process.exit(2);
}
const config = configOrExit();
if (config.DATABASE_URL) {
	console.error(
		'DATABASE_URL is set: the store is PostgreSQL. Back it up with pg_dump and restore it with pg_restore (README, "Backups").',
	);
	process.exit(2);
}
try {
	if (restore) {
		const { submissions } = restoreStore(config.DATA_DIR, file);
		console.log(`Restored ${file} into ${config.DATA_DIR} (${submissions} submissions).`);
	} else {
		const { pages, submissions } = await backupStore(config.DATA_DIR, file);
		console.log(
			`Backed up ${config.DATA_DIR} to ${file}: ${pages} pages, ${submissions} submissions, integrity checked. Keep the data key apart from it.`,
		);
	}
} catch (error) {
	console.error((error instanceof Error ? error.message : String(error)).slice(0, 300));
	process.exit(1);
}
