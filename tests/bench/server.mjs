// Starts the built site (or another server script that prints "Listening on <origin>/") on a
// free loopback port for a benchmark, with a data folder of its own, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startServer({
	env = {},
	script = 'scripts/start.mjs',
	nodeOptions = [],
} = {}) {
	const dataDir = mkdtempSync(join(tmpdir(), 'bench-data-'));
	// PORT=0: the operating system picks a free port, so two runs on one machine never collide;
	// the server names it when it listens.
	const child = spawn(process.execPath, [...nodeOptions, script, dataDir], {
		env: {
			...process.env,
			SKIP_BUILD: '1',
			HOST: '127.0.0.1',
			PORT: '0',
			DATA_DIR: dataDir,
			...env,
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const origin = await new Promise((resolve, reject) => {
		let output = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk) => {
			// Kept short: the outbox worker logs a line per attempt for as long as the benchmark runs.
			output = (output + chunk).slice(-10_000);
			const match = /Listening on (http:\/\/[\d.]+:\d+)\//.exec(output);
			if (match) resolve(match[1]);
		});
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	return {
		origin,
		dataDir,
		pid: child.pid,
		stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
	};
}
