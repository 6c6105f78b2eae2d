// `npm start`: build when the build is missing or older than the sources, then serve pages,
// actions and endpoints from one Node process on HOST:PORT (default 127.0.0.1:4321).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/server/entry.mjs');

/** Newest modification time below a path (files and folders). */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const sources = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'].map((p) => join(root, p));
const stale = !existsSync(entry) || Math.max(...sources.map(newest)) > statSync(entry).mtimeMs;
if (stale && process.env.SKIP_BUILD !== '1') {
	console.log('Building the site (sources changed or no build yet)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const { serve } = await import('../src/server/http-server.ts');
await serve({ entry });
