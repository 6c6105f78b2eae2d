/**
 * The deadline check, run by the composition root every minute: for each concern not yet closed,
 * a reminder to the office once a deadline's reminder time has come, and an escalation to the
 * office's admins once it has passed – each queued once in the outbox (the store records it in
 * the same transaction, so a restart or a second run queues nothing twice). A reminder whose
 * deadline has already passed (the server was down) is not sent: the escalation says more.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Store } from '../store.ts';
import type { CaseRow } from '../store/office-types.ts';
import { noticeDue, type OfficeDeadlines } from './deadlines.ts';

/**
 * Concerns read and worked out between two turns of the event loop. Ten thousand open concerns
 * took 55–80 ms (reading them alone 30 ms): in one piece that held up every request meanwhile.
 */
const PAGE = 250;

export interface DeadlineCheckOptions {
	store: Pick<Store, 'deadlines'>;
	deadlines: OfficeDeadlines;
	/** Tells the outbox worker there is new work. */
	wakeOutbox: () => void;
	/** Current time; tests pass a simulated clock. */
	now?: () => number;
	log?: (line: string) => void;
}

export interface DeadlineCheck {
	/** Checks every open concern once; returns how many notices it queued. */
	run(): Promise<number>;
	/** Runs the check every `everyMs` (and at once); the timer does not keep the process alive. */
	start(everyMs: number): void;
	stop(): void;
}

export function createDeadlineCheck(options: DeadlineCheckOptions): DeadlineCheck {
	const { store, deadlines, wakeOutbox } = options;
	const now = options.now ?? Date.now;
	const log = options.log ?? ((line: string) => console.log(line));
	let timer: ReturnType<typeof setInterval> | undefined;
	/** One run at a time: a slow store must not let runs pile up. */
	let running: Promise<number> | undefined;

	async function check(): Promise<number> {
		const at = now();
		let queued = 0;
		for (let after = ''; ; await nextTurn()) {
			const rows = await store.deadlines.openCases(after, PAGE);
			queued += await noticesFor(rows, at);
			if (rows.length < PAGE) break;
			after = rows.at(-1)!.submissionId;
		}
		if (queued > 0) wakeOutbox();
		return queued;
	}

	/** Queues the notices due for these concerns at `at`; returns how many. */
	async function noticesFor(rows: CaseRow[], at: number): Promise<number> {
		let queued = 0;
		for (const row of rows) {
			for (const deadline of deadlines.of(row)) {
				const notice = noticeDue(deadline, at);
				if (!notice) continue;
				const added = await store.deadlines.queueNotice({
					submissionId: row.submissionId,
					officeId: row.officeId,
					deadline: deadline.kind,
					notice,
					dueAt: deadline.dueAt,
					now: at,
				});
				if (added) {
					queued++;
					log(`deadlines: queued the ${deadline.kind} ${notice} for ${row.reference}`);
				}
			}
		}
		return queued;
	}

	const run = () => {
		running ??= check().finally(() => {
			running = undefined;
		});
		return running;
	};

	return {
		run,
		start(everyMs) {
			const tick = () =>
				void run().catch((error: unknown) =>
					log(
						`deadlines: check failed: ${(error as Error).name} ${(error as Error).message}`.slice(
							0,
							300,
						),
					),
				);
			tick();
			timer = setInterval(tick, everyMs);
			timer.unref();
		},
		stop() {
			clearInterval(timer);
		},
	};
}
