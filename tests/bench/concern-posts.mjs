// Concern posts for the load benchmarks, each as a browser with JavaScript would send it: the
// answers, the form's start time and its own solved proof-of-work challenge (prepared before the
// clock starts, with the low difficulty the benchmark server is given), plus the check afterwards
// that every success answer is a row in the store.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';

/** Settings for a benchmark server: a rate limit raised out of the way (still counted), no minimum fill time, a tiny proof of work. */
export const BENCH_GUARD = { RATE_LIMIT_PER_MINUTE: '100000', SPAM_MIN_FILL_SECONDS: '0', POW_MAX_NUMBER: '100' };

const answers = new URLSearchParams({
	locale: 'de', country: 'DE', area: '00001', officeId: 'de-musterstadt', interpreter: 'no',
	observation: 'Das Kind kommt seit Wochen hungrig in die Kita. Benchmark.', observedWhen: 'seit Oktober',
	categories: 'neglect', urgency: 'this-week', parentsTold: 'yes', reporterName: 'Bench Mark',
	reporterRole: 'Erzieherin', reporterOrganisation: 'Kita', reporterEmail: 'bench@example.org',
	reporterPhone: '+49 30 23125 999', [CONTROL_FIELDS.confirm]: '1',
});

/** `count` ready-to-send bodies, each a new submission with its own solved challenge. */
export async function prepareConcernPosts(origin, count) {
	const form = await (await fetch(`${origin}/de/notify/?danger=no&country=DE&area=00001`)).text();
	const started = new RegExp(`name="${CONTROL_FIELDS.started}" value="([^"]+)"`).exec(form)[1];
	const bodies = [];
	for (let i = 0; i < count; i++) {
		const challenge = await (await fetch(`${origin}/api/challenge/`)).json();
		const solution = await solveChallenge({ challenge, deriveKey });
		const pow = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
		bodies.push(`submissionId=${randomUUID()}&${answers}&${new URLSearchParams({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow })}`);
	}
	return bodies;
}

export const referenceIn = (body) => /class="reference"><strong>([0-9A-Z-]{9})</.exec(body)?.[1];

/** Of the references given as accepted, how many are not in the store; and the e-mails waiting. */
export function checkStore(dataDir, references) {
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'), { readOnly: true });
	const find = db.prepare('SELECT 1 FROM submissions WHERE reference = ?');
	const missing = references.filter((r) => !find.get(r)).length;
	const waiting = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get().n;
	db.close();
	return { missing, waiting };
}
