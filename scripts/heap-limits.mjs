// Imported first by `npm start` (scripts/start.mjs): runs the server with a V8 heap sized for a
// small server instead of for the machine. V8 sizes its young generation from the memory it may
// use (4 GB on a 24 GB machine: 128 MB of new space), and lets the old generation grow to four
// times the live objects before a full collection. Under `npm run bench:load` that took the
// server from 186 MB idle to 431 MB resident, while the live objects stayed near 60 MB – and V8
// keeps the pages it once used for reuse, so the resident set never came down again. With an
// 8 MB semi-space and a 1 GB old-generation limit the peak stays near 220 MB (README, figures).
// The live set is about 45 MB with the demo content, so 1 GB leaves room for a national directory.
// Node reads these flags only at start: the process replaces itself (same pid, same stdio and
// environment) with one started with them. Flags given by the operator (on the command line or
// in NODE_OPTIONS) win; where `process.execve` is missing (Windows), the server runs as started.
const HEAP_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=1024'];

const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const missing = HEAP_FLAGS.filter((flag) => {
	const name = flag.split('=')[0];
	return !given.some((g) => g.split('=')[0].replaceAll('_', '-') === name);
});
if (missing.length > 0 && typeof process.execve === 'function') {
	process.execve(
		process.execPath,
		[process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
		process.env,
	);
}
