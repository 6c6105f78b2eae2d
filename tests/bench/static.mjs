// `npm run bench:static`: requests/s of the site's server against nginx serving the same built
// files (dist/client, with the build's compressed copies) with the same gzip level, one worker
// each, 10 connections, in interleaved rounds: a guidance page, and the concern form's form step
// (rendered on demand by the site; nginx serves a saved copy of it, gzipping it per request at
// the level the site's on-demand compression uses). Prints min / median / max of the ratios.
// Run `npm run build` first. BENCH_SECONDS (per measurement, 5), BENCH_ROUNDS (3).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:zlib';
import autocannon from 'autocannon';
import { GZIP_LEVEL } from '../../src/server/precompress.ts';
import { NGINX, startNginx } from './nginx.mjs';
import { startServer } from './server.mjs';
import { spread } from './spread.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGES = {
	'guidance page': '/en/de/doubt/',
	'notify form step': '/de/notify/?danger=no&country=DE&area=00001',
};
/** The `compression` middleware's level for on-demand pages (zlib's default). */
const ON_DEMAND_GZIP_LEVEL =
	constants.Z_DEFAULT_COMPRESSION === -1 ? 6 : constants.Z_DEFAULT_COMPRESSION;

const site = await startServer();
const saved = mkdtempSync(join(tmpdir(), 'bench-static-'));
const formStep = join(saved, 'notify-step.html');
writeFileSync(formStep, await (await fetch(site.origin + PAGES['notify form step'])).text());
const nginx = await startNginx({
	root: join(process.cwd(), 'dist/client'),
	gzipLevel: GZIP_LEVEL,
	exact: { '/de/notify/': { file: formStep, gzipLevel: ON_DEMAND_GZIP_LEVEL } },
});
if (!nginx) {
	console.log(
		`nginx is not installed (${NGINX}; Debian: apt-get install nginx-light): measuring the site alone.`,
	);
}
const servers = { site, ...(nginx ? { nginx } : {}) };

const measure = (origin, path) =>
	autocannon({
		url: origin + path,
		connections: 10,
		duration: SECONDS,
		headers: { 'accept-encoding': 'gzip' },
	});

// Warm-up: JIT, file caches.
for (const server of Object.values(servers))
	for (const path of Object.values(PAGES))
		await autocannon({
			url: server.origin + path,
			connections: 10,
			duration: 1,
			headers: { 'accept-encoding': 'gzip' },
		});

const results = Object.fromEntries(Object.keys(PAGES).map((page) => [page, []]));
const loads = [];
try {
	for (let round = 1; round <= ROUNDS; round++) {
		loads.push(loadavg()[0]);
		for (const [page, path] of Object.entries(PAGES)) {
			// Interleaved, the order swapped every round.
			const names = Object.keys(servers);
			if (round % 2 === 0) names.reverse();
			const row = { round };
			for (const name of names) {
				const r = await measure(servers[name].origin, path);
				if (r.non2xx + r.errors > 0)
					throw new Error(`${name} ${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
				row[name] = {
					rps: r.requests.average,
					p99: r.latency.p99,
					bytes: r.throughput.total / r.requests.total,
				};
			}
			results[page].push(row);
		}
	}
} finally {
	await site.stop();
	await nginx?.stop();
}

console.log(
	`\nStatic serving, ${ROUNDS} interleaved rounds of ${SECONDS} s per server and page, 10 connections, Accept-Encoding: gzip (gzip level ${GZIP_LEVEL} for built files, ${ON_DEMAND_GZIP_LEVEL} on demand):`,
);
for (const [page, rows] of Object.entries(results)) {
	console.log(`\n${page} (${PAGES[page]}):`);
	console.table(
		rows.map((r) => ({
			round: r.round,
			'site req/s': r.site.rps,
			'site p99 ms': r.site.p99,
			'site bytes/answer': Math.round(r.site.bytes),
			...(nginx
				? {
						'nginx req/s': r.nginx.rps,
						'nginx p99 ms': r.nginx.p99,
						'nginx bytes/answer': Math.round(r.nginx.bytes),
						'× nginx': (r.site.rps / r.nginx.rps).toFixed(2),
					}
				: {}),
		})),
	);
	if (nginx)
		console.log(
			`${page}: site requests/s × nginx's (min / median / max): ${spread(rows.map((r) => r.site.rps / r.nginx.rps))}`,
		);
}
console.log(
	`\nLoad average (1 min) at the start of each round: ${loads.map((l) => l.toFixed(1)).join(', ')} (2 cores; the load generator shares them).`,
);
console.log("Target: a guidance page at ≥ 0.8× nginx's requests/s.");
