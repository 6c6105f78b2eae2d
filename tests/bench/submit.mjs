// `npm run bench:submit`: load the accept path (POST a concern) on loopback at a fixed rate with
// the mail provider down, report throughput and latency, then check that every 2xx answer is
// a row in the store. Also reports the JavaScript the form page ships. Never fails on a timing.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { firstVisit, kb, launchBrowser } from './first-visit.mjs';
import { startServer } from './server.mjs';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

// Resend "down": the SDK is pointed at a closed loopback port, so every delivery fails and retries.
const server = await startServer({
	port: 4456,
	env: { MAIL_TRANSPORT: 'resend', RESEND_API_KEY: 're_bench', RESEND_BASE_URL: 'http://127.0.0.1:9', RATE_LIMIT_PER_MINUTE: '1000000' },
});

const fields = new URLSearchParams({
	locale: 'de', country: 'DE', area: '07743', officeId: 'de-musterstadt', interpreter: 'no',
	observation: 'Das Kind kommt seit Wochen hungrig in die Kita. Benchmark.', observedWhen: 'seit Oktober',
	categories: 'neglect', urgency: 'this-week', parentsTold: 'yes', reporterName: 'Bench Mark',
	reporterRole: 'Erzieherin', reporterOrganisation: 'Kita', reporterEmail: 'bench@example.org',
	reporterPhone: '+49 30 23125 999', _confirm: '1',
});
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
				setupRequest: (request) => ({ ...request, body: `submissionId=${randomUUID()}&${fields}` }),
				onResponse: (status, body) => {
					const reference = /class="reference"><strong>([0-9A-Z-]{9})</.exec(body)?.[1];
					if (status === 200 && reference) references.push(reference);
				},
			},
		],
	});
// Warm-up (first requests load modules and JIT-compile); not measured.
await load(3);
references.length = 0;
const result = await load(SECONDS);

const db = new DatabaseSync(join(server.dataDir, 'store.sqlite'), { readOnly: true });
const find = db.prepare('SELECT 1 FROM submissions WHERE reference = ?');
const missing = references.filter((r) => !find.get(r)).length;
const messages = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get().n;
db.close();

const browser = await launchBrowser();
const form = await firstVisit(browser, server.origin, '/de/notify/?danger=no&country=DE&area=07743');
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
