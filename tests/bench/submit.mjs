// `npm run bench:submit`: load the accept path (POST a concern) on loopback at a fixed rate with
// the mail provider down, report throughput and latency, then check that every 2xx answer is
// a row in the store. Also reports the JavaScript the form page ships. Never fails on a timing.
import autocannon from 'autocannon';
import { BENCH_GUARD, checkStore, prepareConcernPosts, referenceIn } from './concern-posts.mjs';
import { firstVisit, kb, launchBrowser } from './first-visit.mjs';
import { startServer } from './server.mjs';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARM_UP = 3;

// Resend "down": the SDK is pointed at a closed loopback port, so every delivery fails and retries.
const server = await startServer({
	env: { MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_bench', RESEND_BASE_URL: 'http://127.0.0.1:9', ...BENCH_GUARD },
});

// One prepared post per request (with some to spare): each a new submission with its own solved challenge.
const bodies = await prepareConcernPosts(server.origin, Math.ceil(RATE * (SECONDS + WARM_UP) * 1.1));
/** References from success answers: each must be a row in the store afterwards. */
const references = [];
const load = (duration) =>
	autocannon({
		url: `${server.origin}/de/notify/?_action=notify`,
		method: 'POST',
		connections: 10,
		overallRate: RATE,
		duration,
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
		requests: [
			{
				setupRequest: (request) => ({ ...request, body: bodies.pop() }),
				onResponse: (status, body) => {
					const reference = referenceIn(body);
					if (status === 200 && reference) references.push(reference);
				},
			},
		],
	});
// Warm-up (first requests load modules and JIT-compile); not measured.
await load(WARM_UP);
references.length = 0;
const result = await load(SECONDS);
const { missing, waiting: messages } = checkStore(server.dataDir, references);

const browser = await launchBrowser();
const form = await firstVisit(browser, server.origin, '/de/notify/?danger=no&country=DE&area=00001');
await browser.close();
await server.stop();

const ok = result['2xx'];
console.log(`\nAccept path, provider down, ${RATE} requests/s for ${SECONDS} s on loopback (10 connections):`);
console.table({
	requests: result.requests.sent ?? result.requests.total,
	'2xx': ok,
	'non-2xx': result.non2xx,
	errors: result.errors,
	timeouts: result.timeouts,
	'throughput (req/s)': result.requests.average,
	'latency p50 (ms)': result.latency.p50,
	'latency p99 (ms)': result.latency.p99,
	'latency max (ms)': result.latency.max,
});
console.log(`Success answers with a reference: ${references.length} of ${ok}; missing from the store: ${missing} → ${missing === 0 && references.length === ok ? 'none lost' : 'LOST OR UNREADABLE ANSWERS'}; ${messages} e-mails waiting in the outbox (provider down).`);
console.log(`Target: p99 under 50 ms at 100 requests/s → ${result.latency.p99 < 50 ? 'met' : 'not met'} (p99 ${result.latency.p99} ms).`);
console.log(`Form page first visit: ${kb(form.bytes)} transferred, of which JavaScript ${kb(form.js)} (target ≤ 25 KB).`);
