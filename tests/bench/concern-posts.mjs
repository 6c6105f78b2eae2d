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
export const BENCH_GUARD = {
	RATE_LIMIT_PER_MINUTE: '100000',
	SPAM_MIN_FILL_SECONDS: '0',
	POW_MAX_NUMBER: '100',
};

const answers = new URLSearchParams({
	locale: 'de',
	country: 'DE',
	area: '00001',
	officeId: 'de-musterstadt',
	interpreter: 'no',
	observation: 'Das Kind kommt seit Wochen hungrig in die Kita. Benchmark.',
	observedWhen: 'seit Oktober',
	categories: 'neglect',
	urgency: 'this-week',
	parentsTold: 'yes',
	reporterName: 'Bench Mark',
	reporterRole: 'Erzieherin',
	reporterOrganisation: 'Kita',
	reporterEmail: 'bench@example.org',
	reporterPhone: '+49 30 23125 999',
	[CONTROL_FIELDS.confirm]: '1',
});

/**
 * `count` ready-to-send bodies, each a new submission with its own solved challenge. With
 * `distinctReporters` each comes from another address, so each queues its receipt as well as the
 * office's e-mail (the mail budget holds back a sixth receipt to one address a day).
 */
export async function prepareConcernPosts(origin, count, { distinctReporters = false } = {}) {
	const form = await (await fetch(`${origin}/de/notify/?danger=no&country=DE&area=00001`)).text();
	const started = new RegExp(`name="${CONTROL_FIELDS.started}" value="([^"]+)"`).exec(form)[1];
	const bodies = [];
	for (let i = 0; i < count; i++) {
		const challenge = await (await fetch(`${origin}/api/challenge/`)).json();
		const solution = await solveChallenge({ challenge, deriveKey });
		const pow = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
		const fields = new URLSearchParams(answers);
		if (distinctReporters) fields.set('reporterEmail', `bench-${i}@example.org`);
		bodies.push(
			`submissionId=${randomUUID()}&${fields}&${new URLSearchParams({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow })}`,
		);
	}
	return bodies;
}

/**
 * An autocannon request that posts the next of `bodies` and sorts the answers: a concern is
 * accepted when the post is answered with the redirect to its confirmation (303); its submission
 * id goes to `tally.accepted`, anything else counts in `tally.wrong`.
 */
export function concernRequest(bodies, tally) {
	return {
		setupRequest: (request, context) => {
			const body = bodies.pop();
			context.submissionId = /^submissionId=([^&]+)/.exec(body)[1];
			return { ...request, body };
		},
		onResponse: (status, _body, context, headers) => {
			// autocannon keeps the names as sent; HTTP's are case-insensitive.
			const location = Object.entries(headers).find(([name]) => name.toLowerCase() === 'location');
			if (status === 303 && /\/notify\/sent\/\?token=/.test(location?.[1] ?? ''))
				tally.accepted.push(context.submissionId);
			else tally.wrong++;
		},
	};
}

/** Of the submissions answered as accepted, how many are not in the store; and the e-mails waiting. */
export function checkStore(dataDir, submissionIds) {
	const db = new DatabaseSync(join(dataDir, 'store.sqlite'), { readOnly: true });
	const find = db.prepare('SELECT 1 FROM submissions WHERE id = ?');
	const missing = submissionIds.filter((id) => !find.get(id)).length;
	const waiting = db
		.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')")
		.get().n;
	db.close();
	return { missing, waiting };
}
