// `npm run bench:lighthouse`: Lighthouse (mobile, default simulated throttling: 4× slower CPU,
// slow 4G) on the form pages of the built site served by the real server with the default
// proof-of-work difficulty; three runs per page, the median of each figure printed, with the
// machine's load average (Lighthouse scales the tasks it observes, so a busy machine makes every
// figure worse). Reports figures; never fails on a timing. `--no-build` measures the existing build, `--runs=<n>`
// changes the number of runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startServer } from './server.mjs';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);

if (!process.argv.includes('--no-build')) {
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
	if (build.status !== 0) throw new Error('build failed');
}

// The real guard: default difficulty and minimum fill time, as a visitor meets them.
const server = await startServer();
const booking = '/de/consultation/?country=DE&area=00001&office=de-musterstadt&mode=in-person';
const slot = /name="slot" value="([^"]+)"/.exec(
	await (await fetch(server.origin + booking)).text(),
)?.[1];
if (!slot) throw new Error('no free slot in the demo calendar');
const pages = {
	'concern: emergency check': '/de/notify/',
	'concern: where the child lives': '/de/notify/?danger=no&country=DE',
	'concern: the form (island, proof of work)': '/de/notify/?danger=no&country=DE&area=00001',
	'booking: free times': booking,
	'booking: the form for a slot (island, proof of work)': `${booking}&slot=${encodeURIComponent(slot)}`,
};

const chrome = await chromeLauncher.launch({
	chromePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
let version = '';
const loadBefore = loadavg()[0];
try {
	for (const [name, path] of Object.entries(pages)) {
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const { lhr } = await lighthouse(server.origin + path, {
				port: chrome.port,
				onlyCategories: ['performance'],
				output: 'json',
				logLevel: 'error',
			});
			version = lhr.lighthouseVersion;
			const longest = lhr.audits['long-tasks']?.details?.items?.[0];
			const requests = lhr.audits['network-requests']?.details?.items ?? [];
			runs.push({
				score: lhr.categories.performance.score,
				tbt: lhr.audits['total-blocking-time'].numericValue,
				tti: lhr.audits.interactive.numericValue,
				longest: longest?.duration ?? 0,
				// Whether the island asked for a challenge while Lighthouse watched (the proof of work ran then).
				pow: requests.some((r) => r.url.includes('/api/challenge/')),
			});
		}
		rows.push({
			page: name,
			performance: median(runs.map((r) => r.score)).toFixed(2),
			'TBT ms': Math.round(median(runs.map((r) => r.tbt))),
			'TTI ms': Math.round(median(runs.map((r) => r.tti))),
			'longest task ms': Math.round(median(runs.map((r) => r.longest))),
			'proof of work in the run': `${runs.filter((r) => r.pow).length}/${RUNS}`,
		});
	}
} finally {
	chrome.kill();
	await server.stop();
}

console.log(
	`\nLighthouse ${version}, mobile, default throttling, median of ${RUNS} runs per page (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after):`,
);
console.table(rows);
console.log(
	'Targets: performance ≥ 0.95, TBT ≤ 200 ms, no task over 200 ms (the longest task covers the whole load, the proof of work included).',
);
