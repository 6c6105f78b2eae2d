// `npm run bench:pow`: what the proof of work costs a script. Fetches challenges from the built
// site served by the real server with the default difficulty (POW_MAX_NUMBER) and solves them in
// Node with node:crypto, one after the other on one core – the cheapest obvious way for a
// bot. Prints solves per second; never fails on a timing. `BENCH_SECONDS` (default 20).
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { startServer } from './server.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const server = await startServer();
let solves = 0;
let hashes = 0;
let solving = 0;
try {
	const end = performance.now() + SECONDS * 1000;
	while (performance.now() < end) {
		const challenge = await (await fetch(`${server.origin}/api/challenge/`)).json();
		const started = performance.now();
		const solution = await solveChallenge({ challenge, deriveKey });
		solving += performance.now() - started;
		if (!solution) throw new Error('a challenge was not solved');
		solves += 1;
		hashes += solution.counter + 1;
	}
} finally {
	await server.stop();
}
console.log(`\nProof of work, solved in Node ${process.version} on one core for ${SECONDS} s:`);
console.table([
	{
		solves,
		'solves/s (solving only)': (solves / (solving / 1000)).toFixed(1),
		'hashes per solve (mean)': Math.round(hashes / solves),
		'ms per solve (mean)': (solving / solves).toFixed(1),
	},
]);
