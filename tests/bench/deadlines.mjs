/**
 * What the deadlines cost: the holiday library's memory once loaded, and the time to work out the
 * deadlines of 10,000 open concerns spread over the tests' offices in four countries (what the
 * check does every minute, and the inbox for the concerns it lists). Prints figures, never fails.
 * `npm run bench:deadlines`
 */
import { loadavg } from 'node:os';

const COUNT = 10_000;
const { loadSiteContent } = await import('../../src/server/content-files.ts');
const content = loadSiteContent('tests/fixtures/content');
const settled = () => (globalThis.gc?.(), process.memoryUsage());
const before = settled();
// The holiday library alone (the content and its schemas were loaded before).
await import('date-holidays');
const { createOfficeDeadlines } = await import('../../src/server/office/deadlines.ts');
const deadlines = createOfficeDeadlines(content);
const after = settled();
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(
	`date-holidays loaded and the offices' calendars made: heap +${mb(after.heapUsed - before.heapUsed)}, RSS +${mb(after.rss - before.rss)}${globalThis.gc ? '' : ' (run with --expose-gc for settled figures)'}`,
);

const offices = [...content.offices.keys()];
const now = Date.now();
// Concerns arriving every 10 minutes over the last ten weeks, none handled yet.
const rows = Array.from({ length: COUNT }, (_, i) => ({
	officeId: offices[i % offices.length],
	receivedAt: now - i * 600_000,
	status: 'new',
	acknowledgedAt: null,
	urgent: i % 7 === 0,
}));
for (let round = 1; round <= 5; round++) {
	const start = performance.now();
	const entries = deadlines.inbox(rows, now);
	const ms = performance.now() - start;
	const overdue = entries.filter((e) => e.overdue).length;
	console.log(
		`round ${round}: ${COUNT.toLocaleString('en')} open concerns' deadlines, sorted: ${ms.toFixed(0)} ms (${overdue} overdue)`,
	);
}
console.log(
	`load average ${loadavg()
		.map((l) => l.toFixed(1))
		.join(' ')}`,
);
