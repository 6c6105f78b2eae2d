import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TEST_CONTENT_DIR, TEST_GUARD } from '../fixtures/app-server.ts';

/** Runs `npm start` (no build) to its end; what it printed and its exit code. */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/start.mjs'], {
			env: {
				...process.env,
				SKIP_BUILD: '1',
				HOST: '127.0.0.1',
				PORT: '0',
				DATA_DIR: mkdtempSync(join(tmpdir(), 'start-guard-')),
				...TEST_GUARD,
				...env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (c: Buffer) => {
			output += c.toString();
			// Started after all: stop it, the test will fail on the exit code.
			if (output.includes('Listening on')) child.kill('SIGTERM');
		});
		child.stderr.on('data', (c: Buffer) => (output += c.toString()));
		child.once('exit', (code) => resolve({ code, output }));
	});
}

test('a production start refuses while a demo office is configured, naming it', async () => {
	const { code, output } = await start({ NODE_ENV: 'production', CONTENT_DIR: TEST_CONTENT_DIR });
	expect(code).toBe(1);
	expect(output).toContain('Refusing to start with NODE_ENV=production');
	expect(output).toContain(
		'offices/de-musterstadt.yaml (Jugendamt Musterstadt – Allgemeiner Sozialer Dienst (Demo))',
	);
	expect(output).not.toContain('Listening on');
});

test('single sign-on that maps a group to an office the content does not have refuses to start, naming it', async () => {
	const { code, output } = await start({
		CONTENT_DIR: TEST_CONTENT_DIR,
		OIDC_ISSUER: 'https://login.example.org',
		OIDC_CLIENT_ID: 'site',
		OIDC_CLIENT_SECRET: 'secret',
		OIDC_GROUPS: '{"a": "de-musterstadt:case-worker", "b": "de-musterstad:office-admin"}',
	});
	expect(code).toBe(1);
	expect(output).toMatch(
		/OIDC_GROUPS: no office de-musterstad in .*tests\/fixtures\/content\/offices\//,
	);
	expect(output).not.toContain('Listening on');
});

test('a build of other content is never served as the site', async () => {
	// dist/ holds the build of the tests' content; serving `content/` from it must be refused.
	const { code, output } = await start({ CONTENT_DIR: 'content' });
	expect(code).toBe(1);
	expect(output).toMatch(
		/The build in dist\/ was made from .*tests\/fixtures\/content, not .*\/content/,
	);
});
