// `npm run bench:submit`: the accept path (POST a concern) against the least a durable accept can
// cost (`durable-commit-baseline.mjs`: parse, encrypt, one committed INSERT), both on loopback at
// the same fixed rate, in interleaved rounds, with the mail provider down so the site's outbox
// grows by two e-mails per concern (10,000 after the default five rounds). Reports p50/p99 of
// both per round, their ratios (min / median / max), the site's first and last round as the
// backlog grows, and checks that every success answer is a row in the store; then each server's
// service time, one post at a time (p50 of both, their ratio); also the JavaScript the form page
// ships. Never fails on a timing.
// BENCH_RATE (100/s), BENCH_SECONDS (per round, 10), BENCH_ROUNDS (5) change the load;
// BENCH_PROFILE=<folder> writes a CPU profile of the site's server there (node --cpu-prof).
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { BENCH_GUARD, checkStore, concernRequest, prepareConcernPosts } from './concern-posts.mjs';
import { firstVisit, kb, launchBrowser } from './first-visit.mjs';
import { startServer } from './server.mjs';
import { spread } from './spread.mjs';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARM_UP = 3;
/** Posts per server and block in the one-at-a-time phase (3 interleaved blocks). */
const ONE_BY_ONE = 100;
const OPS_TOKEN = 'bench-operator-token';

// Resend "down": the SDK is pointed at a closed loopback port, so every delivery fails and retries.
// Each concern comes from another address and the site's daily mail budget is raised out of the
// way, so every concern queues both its e-mails and the backlog grows as fast as it can.
const site = await startServer({
	env: {
		MAIL_TRANSPORT: 'resend',
		RESEND_API_KEY: 're_bench',
		RESEND_BASE_URL: 'http://127.0.0.1:9',
		MAIL_TO_PROFESSIONALS_PER_DAY: '1000000',
		OPS_TOKEN,
		...BENCH_GUARD,
	},
	nodeOptions: process.env.BENCH_PROFILE
		? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE]
		: [],
});
const baseline = await startServer({ script: 'tests/bench/durable-commit-baseline.mjs' });

const perServer = Math.ceil(RATE * (SECONDS * ROUNDS + WARM_UP) * 1.1) + 3 * ONE_BY_ONE;
console.log(`Preparing ${perServer} concern posts (each with its own solved challenge)…`);
const bodies = await prepareConcernPosts(site.origin, perServer, { distinctReporters: true });
console.log(`Body size: ${Buffer.byteLength(bodies[0])} bytes.`);
// The baseline gets the same bodies, each once too.
const queues = { site: [...bodies], baseline: [...bodies] };

/** The site's success answers: each must be a row in the store afterwards. */
const tally = { accepted: [], wrong: 0 };
const load = (name, origin, duration) =>
	autocannon({
		url: `${origin}/de/notify/?_action=notify`,
		method: 'POST',
		connections: 10,
		overallRate: RATE,
		duration,
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
		requests: [
			name === 'site'
				? concernRequest(queues.site, tally)
				: { setupRequest: (request) => ({ ...request, body: queues.baseline.pop() }) },
		],
	});

async function backlog() {
	const details = await (
		await fetch(`${site.origin}/healthz/details`, {
			headers: { authorization: `Bearer ${OPS_TOKEN}` },
		})
	).json();
	return details.outbox.pending;
}

// Warm-up (first requests load modules and JIT-compile); not measured.
await load('site', site.origin, WARM_UP);
await load('baseline', baseline.origin, WARM_UP);
tally.accepted.length = 0;
tally.wrong = 0;

const rounds = [];
const loads = [];
for (let round = 1; round <= ROUNDS; round++) {
	loads.push(loadavg()[0]);
	// Interleaved, the order swapped every round, so neither always runs on a calmer machine.
	const order = round % 2 === 1 ? ['site', 'baseline'] : ['baseline', 'site'];
	const result = {};
	for (const name of order)
		result[name] = await load(name, name === 'site' ? site.origin : baseline.origin, SECONDS);
	rounds.push({ round, backlog: await backlog(), site: result.site, baseline: result.baseline });
}
// Service time: one post at a time on one kept-alive connection, so no request waits for another –
// what each server spends on a post, without the queueing that multiplies it at 100/s.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function postOne(name) {
	const body = queues[name].pop();
	const origin = name === 'site' ? site.origin : baseline.origin;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = request(
			new URL('/de/notify/?_action=notify', origin),
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => {
					if (name === 'site') {
						if (res.statusCode === 303) tally.accepted.push(/^submissionId=([^&]+)/.exec(body)[1]);
						else tally.wrong++;
					}
					resolve(performance.now() - started);
				});
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}
const oneByOne = { site: [], baseline: [] };
for (let block = 0; block < 3; block++)
	for (const name of block % 2 === 0 ? ['site', 'baseline'] : ['baseline', 'site'])
		for (let i = 0; i < ONE_BY_ONE; i++) oneByOne[name].push(await postOne(name));
agent.destroy();
const median = (values) => Number(spread(values, 3).split(' / ')[1]);
const { missing, waiting } = checkStore(site.dataDir, tally.accepted);

const browser = await launchBrowser();
const form = await firstVisit(browser, site.origin, '/de/notify/?danger=no&country=DE&area=00001');
await browser.close();
await site.stop();
await baseline.stop();

const ratio = (a, b) => a / Math.max(b, 1);
console.log(
	`\nAccept path vs minimal durable commit, ${RATE} requests/s, ${ROUNDS} interleaved rounds of ${SECONDS} s, 10 connections, mail provider down:`,
);
console.table(
	rounds.map(({ round, backlog, site: s, baseline: b }) => ({
		round,
		'e-mails pending after': backlog,
		'site req/s': s.requests.average,
		'site p50': s.latency.p50,
		'site p99': s.latency.p99,
		'base req/s': b.requests.average,
		'base p50': b.latency.p50,
		'base p99': b.latency.p99,
		'p50 ×': ratio(s.latency.p50, b.latency.p50).toFixed(1),
		'p99 ×': ratio(s.latency.p99, b.latency.p99).toFixed(1),
		'site errors': s.errors + s.timeouts,
	})),
);
const first = rounds[0];
const last = rounds.at(-1);
console.log(
	`p50 × baseline (min / median / max): ${spread(
		rounds.map((r) => ratio(r.site.latency.p50, r.baseline.latency.p50)),
		1,
	)}`,
);
console.log(
	`p99 × baseline (min / median / max): ${spread(
		rounds.map((r) => ratio(r.site.latency.p99, r.baseline.latency.p99)),
		1,
	)}`,
);
console.log(
	`Growing backlog: site p99 ${first.site.latency.p99} ms in round 1 (${first.backlog} e-mails pending after it) → ${last.site.latency.p99} ms in round ${last.round} (${last.backlog} pending); baseline ${first.baseline.latency.p99} → ${last.baseline.latency.p99} ms.`,
);
console.log(
	`One post at a time (${3 * ONE_BY_ONE} each, 3 interleaved blocks): site p50 ${median(oneByOne.site).toFixed(2)} ms, baseline ${median(oneByOne.baseline).toFixed(2)} ms → ${(median(oneByOne.site) / median(oneByOne.baseline)).toFixed(1)}×.`,
);
console.log(
	`Load average (1 min) at the start of each round: ${loads.map((l) => l.toFixed(1)).join(', ')} (2 cores shared with the load generator${loads.some((l) => l > 2) ? ' and other work' : ''}).`,
);
console.log(
	`Concerns accepted (303 to the confirmation): ${tally.accepted.length}; other answers: ${tally.wrong}; missing from the store: ${missing} → ${missing === 0 ? 'none lost' : 'LOST'}; ${waiting} e-mails waiting in the outbox.`,
);
console.log(
	`Target: p50 and p99 within 2× the baseline's at ${RATE} requests/s, flat as the backlog grows.`,
);
console.log(
	`Form page first visit: ${kb(form.bytes)} transferred, of which JavaScript ${kb(form.js)} (target ≤ 25 KB).`,
);
