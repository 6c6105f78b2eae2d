/**
 * The island's side of the spam guard: fetch a challenge as soon as the form is shown and solve
 * it in the background (ALTCHA, SHA-256 with Web Crypto), so the person never waits for it. A
 * submission made before it is solved is held back until it is. Without a solution (no Web
 * Crypto, a network error) the server asks its question step instead, so nobody is locked out.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { useEffect, useRef, useState } from 'preact/hooks';

const CHALLENGE_URL = '/api/challenge/';
/** The field the solution travels in (see src/server/spam-guard.ts). */
export const POW_FIELD = '_pow';

export interface ProofOfWork {
	/** The encoded solution, or "" while it is being computed (or when it failed). */
	payload: string;
	/** Resolves with the solution ("" if there is none) once solving has ended. */
	ready(): Promise<string>;
}

export function useProofOfWork(): ProofOfWork {
	const [payload, setPayload] = useState('');
	const pending = useRef<Promise<string>>(Promise.resolve(''));
	useEffect(() => {
		const controller = new AbortController();
		pending.current = (async () => {
			const response = await fetch(CHALLENGE_URL, { signal: controller.signal, cache: 'no-store' });
			const challenge = (await response.json()) as Challenge;
			const solution = await solveChallenge({ challenge, deriveKey, controller });
			const encoded = solution ? btoa(JSON.stringify({ challenge, solution })) : '';
			setPayload(encoded);
			return encoded;
		})().catch(() => '');
		return () => controller.abort();
	}, []);
	return { payload, ready: () => pending.current };
}

/**
 * For a form's submit handler: while the solution is still being computed, hold the submission
 * and send it (with the same button) once solving has ended. True when it was held.
 */
export function holdForProof(event: SubmitEvent, pow: ProofOfWork): boolean {
	const form = event.currentTarget as HTMLFormElement;
	if (pow.payload !== '' || form.dataset['released'] === 'true') return false;
	event.preventDefault();
	const submitter = event.submitter;
	void pow.ready().then((encoded) => {
		const field = form.elements.namedItem(POW_FIELD);
		if (field instanceof HTMLInputElement) field.value = encoded;
		form.dataset['released'] = 'true';
		form.requestSubmit(submitter);
	});
	return true;
}
