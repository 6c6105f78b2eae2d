/**
 * The island's side of the spam guard (ALTCHA, see src/server/spam-guard.ts). The challenge is
 * fetched and solved in Web Workers (proof-of-work.worker.ts), never on the page's own thread,
 * starting when the person first touches the form or when the browser is idle, whichever comes
 * first. A submission made before it is solved is held back, with a status saying so, until it
 * is. Without a solution (no Worker support, a worker the browser refused to load, a network
 * error) the form is sent without one and the server asks its question step instead, so nobody
 * is locked out and no page freezes.
 */
import { solveChallengeWorkers, type Challenge } from 'altcha-lib';
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';

const CHALLENGE_URL = '/api/challenge/';
/** Events that mean the person has begun using the page: on a form page, the form. */
const FIRST_TOUCH = ['focusin', 'input', 'pointerdown'] as const;

export interface ProofOfWork {
	/** The encoded solution, or "" while it is being computed (or when it failed). */
	payload: string;
	/** True while a submission is held back for the solution. */
	waiting: boolean;
	/** Starts solving if that has not begun; resolves with the solution ("" if there is none). */
	ready(): Promise<string>;
	/** Shows that a submission is held back until `ready()` resolves. */
	hold(): void;
}

/** Workers to run: one core is left to the page, and a phone's many cores are not all taken. */
const workerCount = () => Math.min(4, Math.max(1, (navigator.hardwareConcurrency || 2) - 1));

async function solve(controller: AbortController): Promise<string> {
	if (typeof Worker === 'undefined') return '';
	const response = await fetch(CHALLENGE_URL, { signal: controller.signal, cache: 'no-store' });
	const challenge = (await response.json()) as Challenge;
	const solution = await solveChallengeWorkers({
		challenge,
		controller,
		concurrency: workerCount(),
		// A classic worker script, bundled by Vite from the module next to this one.
		createWorker: () => new Worker(new URL('./proof-of-work.worker.ts', import.meta.url)),
	});
	return solution ? btoa(JSON.stringify({ challenge, solution })) : '';
}

export function useProofOfWork(): ProofOfWork {
	const [payload, setPayload] = useState('');
	const [waiting, setWaiting] = useState(false);
	const start = useRef<() => Promise<string>>(() => Promise.resolve(''));
	useEffect(() => {
		const controller = new AbortController();
		let pending: Promise<string> | undefined;
		start.current = () => {
			pending ??= solve(controller)
				.catch(() => '')
				.then((encoded) => {
					setPayload(encoded);
					setWaiting(false);
					return encoded;
				});
			return pending;
		};
		const begin = () => void start.current();
		for (const type of FIRST_TOUCH)
			document.addEventListener(type, begin, {
				capture: true,
				once: true,
				signal: controller.signal,
			});
		// Safari has no requestIdleCallback: a task after hydration is the nearest thing.
		const idle =
			typeof requestIdleCallback === 'function'
				? requestIdleCallback(begin)
				: window.setTimeout(begin);
		return () => {
			controller.abort();
			(typeof cancelIdleCallback === 'function' ? cancelIdleCallback : window.clearTimeout)(idle);
		};
	}, []);
	return { payload, waiting, ready: () => start.current(), hold: () => setWaiting(true) };
}

/**
 * For a form's submit handler: while the solution is still being computed, hold the submission
 * and send it (with the same button) once solving has ended. True when it was held. (Clicked
 * twice while held, the form is still sent once: the browser keeps only the last planned submission.)
 */
export function holdForProof(event: SubmitEvent, pow: ProofOfWork): boolean {
	const form = event.currentTarget as HTMLFormElement;
	if (pow.payload !== '' || form.dataset['released'] === 'true') return false;
	event.preventDefault();
	pow.hold();
	const submitter = event.submitter;
	void pow.ready().then((encoded) => {
		const field = form.elements.namedItem(CONTROL_FIELDS.pow);
		if (field instanceof HTMLInputElement) field.value = encoded;
		form.dataset['released'] = 'true';
		// In a task of its own: when solving has already ended (no Worker, say), this runs while
		// the browser is still dispatching this submit event, where requestSubmit does nothing.
		setTimeout(() => form.requestSubmit(submitter));
	});
	return true;
}

/**
 * The status while a submission is held: a live region that is always there (so screen readers
 * announce the change) and never takes the focus.
 */
export function ProofStatus({ pow, text }: { pow: ProofOfWork; text: string }) {
	return h('div', { role: 'status' }, pow.waiting && h('p', { class: 'hint' }, text));
}
