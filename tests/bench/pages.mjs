// `npm run bench:pages`: build time, and per page type the bytes a first visit transfers (as
// Chromium counts them on the wire, gzip included) and the JavaScript among them.
// Reports figures; never fails on a timing. `--no-build` measures the existing build.
import { spawnSync } from 'node:child_process';
import { firstVisit, kb, launchBrowser } from './first-visit.mjs';
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
const browser = await launchBrowser();

const locales = ['en', 'de', 'da', 'bg', 'hu'];
// The demo's jurisdictions (content/site.yaml): every guidance page exists per locale × country.
const countries = ['de', 'dk', 'hu', 'bg'];
const guidance = [
	'',
	'when-to-notify/',
	'doubt/',
	'talking-with-parents/',
	'after-notification/',
	'anonymous-consultation/',
	'support-services/',
	'legal-basis/',
	'contacts/',
	'accessibility/',
	'privacy/',
];
const types = {
	'language chooser /': ['/'],
	'country chooser /<locale>/': locales.map((l) => `/${l}/`),
	'home /<locale>/<country>/': locales.flatMap((l) => countries.map((c) => `/${l}/${c}/`)),
	'guidance (all other pages)': locales.flatMap((l) =>
		countries.flatMap((c) => guidance.slice(1).map((g) => `/${l}/${c}/${g}`)),
	),
	'search /<locale>/<country>/search/ (before typing)': locales.flatMap((l) =>
		countries.map((c) => `/${l}/${c}/search/`),
	),
	'404 /<locale>/…': locales.map((l) => `/${l}/no-such-page/`),
	'concern form /<locale>/notify/ (form step)': [
		'/en/notify/?danger=no&country=DE&area=00001',
		'/de/notify/?danger=no&country=DE&area=00001',
		'/da/notify/?danger=no&country=DK&area=0001',
		'/bg/notify/?danger=no&country=BG&area=0001',
		'/hu/notify/?danger=no&country=HU&area=0001',
	],
};

// The booking steps: the slot list, and the form for the first free slot (found at run time).
const offices = [
	['en', 'DE', '00001', 'de-musterstadt', 'phone'],
	['de', 'DE', '00001', 'de-musterstadt', 'in-person'],
	['da', 'DK', '0001', 'dk-eksempelby', 'phone'],
	['bg', 'BG', '0001', 'bg-primerno', 'phone'],
	['hu', 'HU', '0001', 'hu-peldavaros', 'video'],
];
const slotLists = offices.map(
	([l, c, a, o, m]) => `/${l}/consultation/?country=${c}&area=${a}&office=${o}&mode=${m}`,
);
types['booking /<locale>/consultation/ (free times)'] = slotLists;
types['booking /<locale>/consultation/ (form)'] = await Promise.all(
	slotLists.map(async (p) => {
		const slot = /name="slot" value="([^"]+)"/.exec(
			await (await fetch(server.origin + p)).text(),
		)?.[1];
		return `${p}&slot=${encodeURIComponent(slot ?? '')}`;
	}),
);

const rows = [];
let overBudget = [];
for (const [type, paths] of Object.entries(types)) {
	const visits = [];
	for (const p of paths) visits.push({ path: p, ...(await firstVisit(browser, server.origin, p)) });
	const max = visits.reduce((a, b) => (b.bytes > a.bytes ? b : a));
	const avg = visits.reduce((s, v) => s + v.bytes, 0) / visits.length;
	const js = Math.max(...visits.map((v) => v.js));
	rows.push({
		type,
		pages: visits.length,
		avg: kb(avg),
		max: `${kb(max.bytes)} (${max.path})`,
		js: kb(js),
		requests: Math.max(...visits.map((v) => v.requests)),
		foreign: visits.reduce((s, v) => s + v.foreign + v.fonts, 0),
	});
	if (
		type.startsWith('guidance') ||
		type.startsWith('home') ||
		type.startsWith('country chooser')
	) {
		overBudget = overBudget.concat(
			visits.filter((v) => v.bytes > GUIDANCE_BUDGET || v.js > 0).map((v) => v.path),
		);
	}
}
await browser.close();
await server.stop();

console.log(`\nBuild time: ${buildSeconds}\n`);
console.table(rows);
console.log(
	`Target for guidance pages: 0 B JavaScript and at most ${kb(GUIDANCE_BUDGET)} per first visit.`,
);
console.log(
	overBudget.length === 0
		? 'All guidance pages meet it.'
		: `Over the target: ${overBudget.join(', ')}`,
);
console.log('"foreign" counts requests to other origins plus web fonts (should be 0).');
