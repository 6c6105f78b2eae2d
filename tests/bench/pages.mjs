// `npm run bench:pages`: build time, and per page type the bytes a first visit transfers (as
// Chromium counts them on the wire, gzip included) and the JavaScript among them.
// Reports figures; never fails on a timing. `--no-build` measures the existing build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startServer } from './server.mjs';

const GUIDANCE_BUDGET = 20 * 1024;

let buildSeconds = 'not measured (--no-build)';
if (!process.argv.includes('--no-build')) {
	const started = performance.now();
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
	if (build.status !== 0) throw new Error('build failed');
	buildSeconds = `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

const server = await startServer();
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

/** One first visit with an empty cache: bytes on the wire, split by resource type and origin. */
async function firstVisit(path) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	const types = new Map();
	const totals = { bytes: 0, js: 0, requests: 0, foreign: 0, fonts: 0 };
	cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
	cdp.on('Network.loadingFinished', (e) => {
		const info = types.get(e.requestId);
		if (!info || info.url.startsWith('data:')) return;
		totals.bytes += e.encodedDataLength;
		totals.requests += 1;
		if (info.type === 'Script') totals.js += e.encodedDataLength;
		if (info.type === 'Font') totals.fonts += 1;
		if (new URL(info.url).origin !== server.origin) totals.foreign += 1;
	});
	await page.goto(server.origin + path, { waitUntil: 'networkidle' });
	await context.close();
	return totals;
}

const locales = ['en', 'de', 'da', 'bg', 'hu'];
const guidance = ['', 'when-to-notify/', 'doubt/', 'talking-with-parents/', 'after-notification/', 'anonymous-consultation/', 'support-services/', 'legal-basis/', 'contacts/', 'accessibility/', 'privacy/'];
const types = {
	'language chooser /': ['/'],
	'home /<locale>/': locales.map((l) => `/${l}/`),
	'guidance (all other pages)': locales.flatMap((l) => guidance.slice(1).map((g) => `/${l}/${g}`)),
	'search /<locale>/search/ (before typing)': locales.map((l) => `/${l}/search/`),
	'404 /<locale>/…': locales.map((l) => `/${l}/no-such-page/`),
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
let overBudget = [];
for (const [type, paths] of Object.entries(types)) {
	const visits = [];
	for (const p of paths) visits.push({ path: p, ...(await firstVisit(p)) });
	const max = visits.reduce((a, b) => (b.bytes > a.bytes ? b : a));
	const avg = visits.reduce((s, v) => s + v.bytes, 0) / visits.length;
	const js = Math.max(...visits.map((v) => v.js));
	rows.push({ type, pages: visits.length, avg: kb(avg), max: `${kb(max.bytes)} (${max.path})`, js: kb(js), requests: Math.max(...visits.map((v) => v.requests)), foreign: visits.reduce((s, v) => s + v.foreign + v.fonts, 0) });
	if (type.startsWith('guidance') || type.startsWith('home')) {
		overBudget = overBudget.concat(visits.filter((v) => v.bytes > GUIDANCE_BUDGET || v.js > 0).map((v) => v.path));
	}
}
await browser.close();
await server.stop();

console.log(`\nBuild time: ${buildSeconds}\n`);
console.table(rows);
console.log(`Target for guidance pages: 0 B JavaScript and at most ${kb(GUIDANCE_BUDGET)} per first visit.`);
console.log(overBudget.length === 0 ? 'All guidance pages meet it.' : `Over the target: ${overBudget.join(', ')}`);
console.log('"foreign" counts requests to other origins plus web fonts (should be 0).');
