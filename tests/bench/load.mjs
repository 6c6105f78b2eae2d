// `npm run bench:load`: 30 s of sustained, mixed load on loopback against the built site with the
// rate limit raised – guidance pages, the concern submit path (provider down, so the outbox
// grows) and the consultation slot lookup, all at once – reporting p50/p99, throughput and
// errors per kind, then checking that every accepted concern is in the store. Never fails on a
// timing. Also the server's resident memory: at start, idle (after a 5 s warm-up of the same mix
// and 30 s of rest: the code compiled, the caches filled – what a server that has served is at
// rest), the peak under load, and 30 s after it stopped, each against its target.
// BENCH_SECONDS, BENCH_SUBMIT_RATE, BENCH_PAGE_RATE, BENCH_SLOT_RATE change the load.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { BENCH_GUARD, checkStore, concernRequest, prepareConcernPosts } from './concern-posts.mjs';
import { startServer } from './server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATES = {
	pages: Number(process.env.BENCH_PAGE_RATE ?? 100),
	submit: Number(process.env.BENCH_SUBMIT_RATE ?? 100),
	slots: Number(process.env.BENCH_SLOT_RATE ?? 20),
};

/** The memory targets: the peak, and "back near idle" as at most this much above idle. */
const PEAK_TARGET_MB = 250;
const NEAR_IDLE = 1.1;
/** The warm-up before "idle" is measured, and the rest after it (and after the load). */
const WARM_UP_SECONDS = 5;
const REST_MS = 30_000;

const server = await startServer({
	env: {
		MAIL_TRANSPORT: 'resend',
		RESEND_API_KEY: 're_bench',
		RESEND_BASE_URL: 'http://127.0.0.1:9',
		...BENCH_GUARD,
	},
});
/** The server process's resident set in MB (Linux). */
const rss = () =>
	Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
const memory = { start: rss(), idle: 0, peak: 0, after: 0 };
const posts = Math.ceil(RATES.submit * (SECONDS + WARM_UP_SECONDS + 2) * 1.1);
console.log(`Preparing ${posts} concern posts (each with its own solved challenge)…`);
const bodies = await prepareConcernPosts(server.origin, posts);

const locales = ['en', 'de', 'da', 'bg', 'hu'];
// Guidance pages of the demo's countries (content/site.yaml lists several: /<locale>/<country>/…).
const pages = locales.flatMap((l) =>
	['de', 'dk', 'hu', 'bg'].flatMap((c) =>
		['', 'when-to-notify/', 'doubt/', 'after-notification/', 'legal-basis/', 'contacts/'].map(
			(p) => `/${l}/${c}/${p}`,
		),
	),
);
const slotLists = [
	'/de/consultation/?country=DE&area=00001&office=de-musterstadt&mode=phone',
	'/da/consultation/?country=DK&area=0001&office=dk-eksempelby&mode=phone',
	'/bg/consultation/?country=BG&area=0001&office=bg-primerno&mode=phone',
	'/hu/consultation/?country=HU&area=0001&office=hu-peldavaros&mode=video',
];
const cycle = (list) => {
	let i = 0;
	return () => list[i++ % list.length];
};
const nextPage = cycle(pages);
const nextSlots = cycle(slotLists);

const tally = { accepted: [], wrong: 0 };
let wrongAnswers = 0;
const run = (kind, duration, options) =>
	autocannon({ connections: 10, duration, overallRate: RATES[kind], ...options }).then(
		(result) => ({ kind, result }),
	);

/** The three kinds of request at once, for `seconds`. */
const mixedLoad = (seconds) =>
	Promise.all([
		run('pages', seconds, {
			url: server.origin,
			headers: { 'accept-encoding': 'gzip' },
			requests: [{ setupRequest: (r) => ({ ...r, path: nextPage() }) }],
		}),
		run('submit', seconds, {
			url: `${server.origin}/de/notify/?_action=notify`,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
			requests: [concernRequest(bodies, tally)],
		}),
		run('slots', seconds, {
			url: server.origin,
			requests: [
				{
					setupRequest: (r) => ({ ...r, path: nextSlots() }),
					onResponse: (status, body) => {
						if (status !== 200 || !body.includes('name="slot"')) wrongAnswers++;
					},
				},
			],
		}),
	]);

await mixedLoad(WARM_UP_SECONDS);
// The warm-up's concerns must be in the store too; its answers are not reported.
const warmUpAccepted = tally.accepted.splice(0);
tally.wrong = 0;
wrongAnswers = 0;
await sleep(REST_MS);
memory.idle = rss();
const sampler = setInterval(() => (memory.peak = Math.max(memory.peak, rss())), 250);
const results = await mixedLoad(SECONDS);

clearInterval(sampler);
memory.peak = Math.max(memory.peak, rss());
await sleep(REST_MS);
memory.after = rss();
const { missing, waiting } = checkStore(server.dataDir, [...warmUpAccepted, ...tally.accepted]);
await server.stop();

console.log(
	`\nSustained mixed load, ${SECONDS} s on loopback (2 cores: client and server share them):`,
);
console.table(
	Object.fromEntries(
		results.map(({ kind, result }) => [
			kind,
			{
				'target req/s': RATES[kind],
				'req/s': result.requests.average,
				requests: result.requests.total,
				'p50 ms': result.latency.p50,
				'p99 ms': result.latency.p99,
				'max ms': result.latency.max,
				'non-2xx': kind === 'submit' ? result.non2xx - tally.accepted.length : result.non2xx,
				errors: result.errors + result.timeouts,
			},
		]),
	),
);
const submit = results.find((r) => r.kind === 'submit').result;
const errors =
	results.reduce(
		(n, { kind, result }) =>
			n + result.errors + result.timeouts + (kind === 'submit' ? 0 : result.non2xx),
		0,
	) +
	wrongAnswers +
	tally.wrong;
console.log(
	`Accepted concerns (303 to the confirmation): ${tally.accepted.length}; missing from the store: ${missing} (${missing === 0 ? 'none lost' : 'LOST'}); e-mails waiting (provider down): ${waiting}.`,
);
const within = (ok) => (ok ? 'met' : 'not met');
console.log(
	`Server memory (RSS): at start ${memory.start.toFixed(0)} MB; idle ${memory.idle.toFixed(0)} MB (after a ${WARM_UP_SECONDS} s warm-up and ${REST_MS / 1000} s of rest); peak under load ${memory.peak.toFixed(0)} MB; ${REST_MS / 1000} s after ${memory.after.toFixed(0)} MB.`,
);
console.log(
	`Target: peak ≤ ${PEAK_TARGET_MB} MB → ${within(memory.peak <= PEAK_TARGET_MB)}; back near idle 30 s after (≤ ${NEAR_IDLE}× idle, ${(memory.idle * NEAR_IDLE).toFixed(0)} MB) → ${within(memory.after <= memory.idle * NEAR_IDLE)}.`,
);
console.log(`Errors of any kind (failed, timed out, non-2xx, wrong answer): ${errors}.`);
console.log(
	`Target: submit p99 under 50 ms at ${RATES.submit} requests/s, zero errors, zero lost → ${submit.latency.p99 < 50 && errors === 0 && missing === 0 ? 'met' : 'not met'}.`,
);
