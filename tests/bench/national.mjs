// `npm run bench:national`: the site at national scale (tests/bench/national-offices.mjs: 560
// fictional German offices, 8,200 postcodes, 11,000 municipalities, in a temporary content
// folder). Builds with a quarter and with all of them (build time per 100 offices), then
// reports the contacts page's first visit, the largest guidance page's, cold start (start to
// listening), and the office lookup by postcode and by municipality (in-process, and the form
// step that shows the office, in requests/s). Leaves the national build in dist/: `npm start`
// notices the other content folder and builds again. Never fails on a timing.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { findOffices } from '../../src/lib/office-routing.ts';
import { builtFiles } from '../../src/server/precompress.ts';
import { firstVisit, kb, launchBrowser } from './first-visit.mjs';
import { NATIONAL, nationalOffices, writeNationalContent } from './national-offices.mjs';
import { startServer } from './server.mjs';
import { spread } from './spread.mjs';

const BUDGET = 20 * 1024;

function build(offices) {
	const content = writeNationalContent(mkdtempSync(join(tmpdir(), 'national-content-')), offices);
	const started = performance.now();
	const result = spawnSync('npm', ['run', 'build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, CONTENT_DIR: content },
	});
	if (result.status !== 0) throw new Error(`build with ${offices} offices failed`);
	return { content, seconds: (performance.now() - started) / 1000 };
}

const loads = [loadavg()[0]];
const quarter = build(Math.round(NATIONAL.offices / 4));
const full = build(NATIONAL.offices);
loads.push(loadavg()[0]);
const perHundred =
	((full.seconds - quarter.seconds) / (NATIONAL.offices - Math.round(NATIONAL.offices / 4))) * 100;

// Every built page's gzip copy: the HTML a first visit transfers (guidance pages load nothing else).
const pages = [...builtFiles('dist/client')]
	.filter((p) => p.endsWith('index.html.gz'))
	.map((p) => ({
		path: p.slice('dist/client'.length, -'index.html.gz'.length),
		bytes: statSync(p).size,
	}));
const largest = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const html = (p) => readFileSync(`dist/client${p}index.html`).length;

// Cold start: from spawning `npm start`'s script to "Listening", three times.
const starts = [];
let server;
for (let i = 0; i < 3; i++) {
	const started = performance.now();
	const candidate = await startServer({ env: { CONTENT_DIR: full.content } });
	starts.push((performance.now() - started) / 1000);
	if (i < 2) await candidate.stop();
	else server = candidate;
}

const browser = await launchBrowser();
const contacts = [];
for (const locale of ['en', 'de', 'da', 'bg', 'hu'])
	contacts.push({
		path: `/${locale}/de/contacts/`,
		...(await firstVisit(browser, server.origin, `/${locale}/de/contacts/`)),
	});
await browser.close();

// The lookup itself, in this process: the index is built on the first call.
const offices = nationalOffices().map(([id, o]) => ({ id, ...o }));
const sample = offices.slice(0, 200);
const time = (area) => {
	const started = performance.now();
	for (let i = 0; i < 20_000; i++) findOffices(offices, 'DE', area(sample[i % sample.length]));
	return ((performance.now() - started) * 1000) / 20_000;
};
const indexStarted = performance.now();
findOffices(offices, 'DE', '000000');
const indexMs = performance.now() - indexStarted;
const byPostcode = time((o) => o.serves.postcodes.at(-1));
const byMunicipality = time((o) => o.serves.municipalities.at(-1));

// The form step that names the office, by postcode and by municipality, interleaved.
const office = offices[417];
const step = (area) => `/de/notify/?danger=no&country=DE&area=${encodeURIComponent(area)}`;
const rounds = { postcode: [], municipality: [] };
for (let round = 0; round < 3; round++) {
	const kinds = round % 2 === 0 ? ['postcode', 'municipality'] : ['municipality', 'postcode'];
	for (const kind of kinds) {
		const area =
			kind === 'postcode' ? office.serves.postcodes.at(-1) : office.serves.municipalities.at(-1);
		const r = await autocannon({
			url: server.origin + step(area),
			connections: 10,
			duration: 3,
			headers: { 'accept-encoding': 'gzip' },
		});
		rounds[kind].push(r.requests.average);
	}
}
await server.stop();
loads.push(loadavg()[0]);

console.log(
	`\nNational scale: ${NATIONAL.offices} offices, ${NATIONAL.postcodes} postcodes, ${NATIONAL.municipalities} municipalities (fictional, seed 13).`,
);
console.table({
	[`build, ${Math.round(NATIONAL.offices / 4)} offices`]: `${quarter.seconds.toFixed(1)} s`,
	[`build, ${NATIONAL.offices} offices`]: `${full.seconds.toFixed(1)} s (${pages.length} pages)`,
	'build time per 100 more offices': `${perHundred.toFixed(1)} s`,
	'contacts page, first visit (5 locales)': `${kb(Math.min(...contacts.map((c) => c.bytes)))} – ${kb(Math.max(...contacts.map((c) => c.bytes)))}, HTML ${kb(html('/en/de/contacts/'))} uncompressed (en)`,
	'largest page, gzip HTML': `${kb(largest.bytes)} (${largest.path})`,
	'cold start (start to listening), 3 runs': starts.map((s) => `${s.toFixed(2)} s`).join(', '),
	'office index, built once': `${indexMs.toFixed(1)} ms`,
	'lookup by postcode / municipality': `${byPostcode.toFixed(2)} µs / ${byMunicipality.toFixed(2)} µs`,
	'form step naming the office, req/s by postcode (min / median / max)': spread(rounds.postcode, 0),
	'… by municipality': spread(rounds.municipality, 0),
});
const over = pages.filter((p) => p.bytes > BUDGET).map((p) => p.path);
console.log(
	`Pages over ${kb(BUDGET)} (gzip HTML): ${over.length === 0 ? 'none' : `${over.length}: ${over.slice(0, 10).join(', ')}${over.length > 10 ? ', …' : ''}`}`,
);
console.log(
	`Load average (1 min) before, between builds and at the end: ${loads.map((l) => l.toFixed(1)).join(', ')} (2 cores).`,
);
console.log(
	'dist/ now holds the national build: `npm run build` (or `npm start`) builds the shipped content again.',
);
