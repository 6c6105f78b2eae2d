// `npm run bench:submit-postgres`: the accept path (POST a concern) on the SQLite store, on
// PostgreSQL with one instance, and on PostgreSQL with two instances sharing the load, at the same
// fixed total rate, in interleaved rounds. PostgreSQL is a throwaway cluster from Debian's package
// with fsync on (as in production), on this machine. Reports p50/p99 per configuration and round,
// the ratios to SQLite (min / median / max) and checks that every success answer is a stored row.
// Never fails on a timing. BENCH_RATE (100/s), BENCH_SECONDS (per round, 10), BENCH_ROUNDS (3).
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgres } from '../fixtures/postgres-cluster.ts';
import { BENCH_GUARD, checkStore, concernRequest, prepareConcernPosts } from './concern-posts.mjs';
import { startServer } from './server.mjs';
import { spread } from './spread.mjs';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARM_UP = 3;

const cluster = await startPostgres({ durable: true });
// A failing start (for example a build made from other content) must not leave the cluster running.
process.once('exit', () => void cluster.stop());
// The same settings everywhere: the mail provider down (the outbox grows as in bench:submit), one
// data key (each configuration's posts are prepared against its own servers anyway).
const env = {
	MAIL_TRANSPORT: 'resend',
	RESEND_API_KEY: 're_bench',
	RESEND_BASE_URL: 'http://127.0.0.1:9',
	MAIL_TO_PROFESSIONALS_PER_DAY: '1000000',
	DATA_KEY: randomBytes(32).toString('base64'),
	...BENCH_GUARD,
};
const single = await cluster.createDatabase('bench_single');
const shared = await cluster.createDatabase('bench_shared');
const setups = {
	sqlite: [await startServer({ env })],
	'postgres ×1': [await startServer({ env: { ...env, DATABASE_URL: single } })],
	'postgres ×2': await Promise.all([
		startServer({ env: { ...env, DATABASE_URL: shared } }),
		startServer({ env: { ...env, DATABASE_URL: shared } }),
	]),
};

const perSetup = Math.ceil(RATE * (SECONDS * ROUNDS + WARM_UP) * 1.1);
const queues = {};
const tallies = {};
for (const [name, servers] of Object.entries(setups)) {
	console.log(`Preparing ${perSetup} concern posts for ${name}…`);
	queues[name] = await prepareConcernPosts(servers[0].origin, perSetup, {
		distinctReporters: true,
	});
	tallies[name] = { accepted: [], wrong: 0 };
}

/** The total rate, shared by the configuration's instances (each gets its part, as a round-robin proxy would give it). */
async function load(name, duration) {
	const servers = setups[name];
	const results = await Promise.all(
		servers.map((server) =>
			autocannon({
				url: `${server.origin}/de/notify/?_action=notify`,
				method: 'POST',
				connections: 10 / servers.length,
				overallRate: RATE / servers.length,
				duration,
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin },
				requests: [concernRequest(queues[name], tallies[name])],
			}),
		),
	);
	// Two instances: the p50 of each is averaged, the p99 is the worse of the two.
	return {
		rps: results.reduce((sum, r) => sum + r.requests.average, 0),
		p50: results.reduce((sum, r) => sum + r.latency.p50, 0) / results.length,
		p99: Math.max(...results.map((r) => r.latency.p99)),
		errors: results.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
	};
}

for (const name of Object.keys(setups)) await load(name, WARM_UP);
for (const tally of Object.values(tallies)) {
	tally.accepted.length = 0;
	tally.wrong = 0;
}

const rounds = [];
const loads = [];
const names = Object.keys(setups);
for (let round = 1; round <= ROUNDS; round++) {
	loads.push(loadavg()[0]);
	// Interleaved, the order rotated every round.
	const order = names.map((_, i) => names[(i + round - 1) % names.length]);
	const result = { round };
	for (const name of order) result[name] = await load(name, SECONDS);
	rounds.push(result);
}

async function missingInPostgres(url, ids) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const { rows } = await client.query('SELECT id FROM submissions WHERE id = ANY($1)', [ids]);
	await client.end();
	return ids.length - rows.length;
}
const missing = {
	sqlite: checkStore(setups.sqlite[0].dataDir, tallies.sqlite.accepted).missing,
	'postgres ×1': await missingInPostgres(single, tallies['postgres ×1'].accepted),
	'postgres ×2': await missingInPostgres(shared, tallies['postgres ×2'].accepted),
};
for (const servers of Object.values(setups)) for (const server of servers) await server.stop();
await cluster.stop();

const ratio = (a, b) => a / Math.max(b, 1);
console.log(
	`\nAccept path at ${RATE} requests/s in total, ${ROUNDS} interleaved rounds of ${SECONDS} s, mail provider down (ms):`,
);
console.table(
	rounds.flatMap((r) =>
		names.map((name) => ({
			round: r.round,
			store: name,
			'req/s': r[name].rps.toFixed(0),
			p50: r[name].p50,
			p99: r[name].p99,
			errors: r[name].errors,
		})),
	),
);
for (const name of names.slice(1))
	console.log(
		`${name} ÷ sqlite (min / median / max): p50 ${spread(
			rounds.map((r) => ratio(r[name].p50, r.sqlite.p50)),
			1,
		)}, p99 ${spread(
			rounds.map((r) => ratio(r[name].p99, r.sqlite.p99)),
			1,
		)}`,
	);
for (const name of names)
	console.log(
		`${name}: ${tallies[name].accepted.length} accepted, ${tallies[name].wrong} other answers, ${missing[name]} missing from the store → ${missing[name] === 0 ? 'none lost' : 'LOST'}`,
	);
console.log(
	`Load average (1 min) at the start of each round: ${loads.map((l) => l.toFixed(1)).join(', ')} (2 cores shared with the load generator and PostgreSQL).`,
);
