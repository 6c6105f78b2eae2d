import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { TEST_CONTENT_DIR, TEST_GUARD, TEST_OPS_TOKEN } from './tests/fixtures/app-server.ts';

/**
 * End-to-end tests run against the built site served by the real server (`npm start` without
 * the build step; `npm test` builds first, from the tests' own content in tests/fixtures/content). Browser: Debian's Chromium when present (machines
 * without Playwright's browser downloads), otherwise Playwright's own (`npx playwright install`).
 */
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * A port free right now, asked of the operating system, so two runs on one machine never
 * collide. The config is read again in every worker process: the runner keeps the choice in
 * the environment, which the workers inherit.
 */
function freePort(): number {
	const script =
		"const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
	return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
const port = Number((process.env.E2E_PORT ??= String(freePort())));
/**
 * The seed of the crash test's SIGKILL schedule (tests/e2e/faults.spec.ts): new each run, kept in
 * the environment like the port so every worker uses the same; set FAULTS_SEED to replay a run.
 */
process.env.FAULTS_SEED ??= String(randomInt(2 ** 31));

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: [['list']],
	// Each test is short (under about 20 s on a busy 2-core machine): one that runs into this is a regression.
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'off',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
					args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
				},
			},
		},
	],
	webServer: {
		command: 'node scripts/start.mjs',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			SKIP_BUILD: '1',
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: 'test-results/e2e-data',
			OPS_TOKEN: TEST_OPS_TOKEN,
			CONTENT_DIR: TEST_CONTENT_DIR,
			...TEST_GUARD,
		},
	},
});
