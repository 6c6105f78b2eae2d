// Starts the built site on a free loopback port for a benchmark and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startServer({ port = 4455, env = {} } = {}) {
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
	const child = spawn(process.execPath, ['scripts/start.mjs'], {
		env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const origin = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${origin}/en/`)).ok) break;
		} catch {}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		dataDir,
		stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
	};
}
