// The least a durable accept can cost, for `bench:submit` to measure the project against: plain
// node:http, the same form body parsed, one AES-256-GCM encryption, and one node:sqlite INSERT in
// WAL mode with synchronous=FULL, committed in its own transaction before the answer. No
// framework, no validation, no outbox. Run as its own process (like the site's server):
// `node tests/bench/durable-commit-baseline.mjs <data dir>`; it prints the address it listens on.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const db = new DatabaseSync(join(process.argv[2], 'baseline.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
db.exec(
	'CREATE TABLE IF NOT EXISTS submissions (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, body BLOB NOT NULL) STRICT',
);
const insert = db.prepare('INSERT INTO submissions (id, created_at, body) VALUES (?, ?, ?)');
const key = randomBytes(32);

function encrypt(plaintext, associated) {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(associated));
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

const server = createServer((req, res) => {
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => {
		const answers = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
		const id = answers.submissionId || randomUUID();
		db.exec('BEGIN IMMEDIATE');
		insert.run(id, Date.now(), encrypt(JSON.stringify(answers), id));
		db.exec('COMMIT');
		res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end(`<p class="reference"><strong>${id.slice(0, 9)}</strong></p>`);
	});
});
server.listen(0, '127.0.0.1', () =>
	console.log(`Listening on http://127.0.0.1:${server.address().port}/`),
);
process.once('SIGTERM', () => {
	server.close();
	server.closeAllConnections();
	db.close();
	process.exit(0);
});
