/**
 * Keeping bots out of the forms without third parties and without cookies:
 * - a proof of work (ALTCHA, `altcha-lib`, self-hosted) the island solves in the background;
 * - without JavaScript, a small question step instead ("What is three plus four?");
 * - a honeypot field people never see, and a minimum time between showing a form and sending
 *   it: either makes the form suspect, and a suspect form gets the question step even with a
 *   solved challenge. Never a pretended success: a person's browser or password manager can fill
 *   the honeypot, and a prepared text can be pasted and sent in seconds; the question lets that
 *   person through, while a script has to answer it. Bots learn that the guard exists.
 * A solved challenge or answered question works once: the verdict names it, and the store uses
 * it up in the transaction that accepts the submission (see `Store.accept`), so a replay by
 * another submission is refused, while a double click of the same submission is not a replay.
 */
import {
	createHash,
	createHmac,
	hkdfSync,
	randomBytes,
	randomInt,
	timingSafeEqual,
} from 'node:crypto';
import { createChallenge, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { CONTROL_FIELDS } from '../lib/control-fields.ts';
import type { FormFields } from '../lib/form-values.ts';
import type { NewSubmission } from './store.ts';
import { signingKey, signToken, verifyToken } from './tokens.ts';

const CHALLENGE_TTL_MS = 2 * 3600 * 1000;
const QUESTION_TTL_MS = 3600 * 1000;
/** A form may stay open this long (a concern can take a while to write). */
const STARTED_TTL_MS = 24 * 3600 * 1000;

export interface Question {
	a: number;
	b: number;
	/** Signed, carries a keyed hash of the answer, not the answer. */
	token: string;
}

/** The single-use token a person's submission came with, for the store to use up. */
export type UsedToken = NonNullable<NewSubmission['token']> & { via: 'pow' | 'question' };

/** Why a form that came with a solved challenge still gets the question step. */
export type Suspicion = 'honeypot' | 'too fast';

export type Verdict =
	/** Looks like a person: go on, and use up the token with the submission. */
	| { kind: 'person'; token: UsedToken }
	/** The form did not come from us (no or a forged start time). */
	| { kind: 'damaged' }
	/**
	 * Ask the question step: without a solution, when it did not count, when the form is suspect
	 * (`suspicion`), and again after a wrong answer (`retry`).
	 */
	| { kind: 'ask'; question: Question; retry: boolean; suspicion?: Suspicion };

export interface GuardOptions {
	/** The data key; the guard's own keys are derived from it. */
	dataKey: Buffer;
	/** Proof-of-work difficulty (POW_MAX_NUMBER). */
	powMaxNumber: number;
	/** SPAM_MIN_FILL_SECONDS. */
	minFillSeconds: number;
}

export interface SpamGuard {
	/** A new proof-of-work challenge for the island (served by /api/challenge/). */
	newChallenge(now?: number): Promise<Challenge>;
	/** The signed "form shown at" value a form carries until it is sent. */
	startedTicket(now?: number): string;
	newQuestion(now?: number): Question;
	/**
	 * Judges a form that is about to be accepted. `numberWords` are the visitor's words for 0–10,
	 * so "sieben" counts as well as "7".
	 */
	judge(form: FormFields, numberWords: readonly string[], now?: number): Promise<Verdict>;
}

const hmacHex = (key: string, data: string | Buffer) =>
	createHmac('sha256', key).update(data).digest('hex');

/** Equal strings, compared in constant time. */
function sameText(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** JSON with every object's keys sorted and undefined values left out, as altcha-lib signs it. */
function canonicalJson(value: unknown): string {
	const sorted = (v: unknown): unknown =>
		typeof v !== 'object' || v === null || Array.isArray(v)
			? v
			: Object.fromEntries(
					Object.keys(v)
						.sort()
						.flatMap((k) => {
							const inner = (v as Record<string, unknown>)[k];
							return inner === undefined ? [] : [[k, sorted(inner)]];
						}),
				);
	return JSON.stringify(sorted(value));
}

export function createSpamGuard({
	dataKey,
	powMaxNumber,
	minFillSeconds,
}: GuardOptions): SpamGuard {
	const links = signingKey(dataKey);
	/** A key for one purpose, derived from the data key. */
	const secret = (info: string) =>
		Buffer.from(
			hkdfSync('sha256', dataKey, Buffer.alloc(0), `child-protection-site ${info}`, 32),
		).toString('hex');
	const powSignature = secret('pow signature');
	const powKeySignature = secret('pow key signature');
	const answers = secret('question answers');

	const answerHash = (nonce: string, answer: number) =>
		createHmac('sha256', answers).update(`${nonce}:${answer}`).digest('base64url');

	function newQuestion(now = Date.now()): Question {
		const a = randomInt(1, 6);
		const b = randomInt(1, 6);
		const nonce = randomBytes(12).toString('base64url');
		const token = signToken(links, {
			purpose: 'question',
			id: `${nonce}.${answerHash(nonce, a + b)}`,
			expires: now + QUESTION_TTL_MS,
		});
		return { a, b, token };
	}

	/**
	 * altcha-lib's `verifySolution` for our challenges (they carry a key signature), with
	 * node:crypto: the library's two Web Crypto HMACs are four round trips to the thread pool per
	 * post, which cost the accept path more than its commit on a busy machine. The same checks in
	 * the same order: the challenge's signature over its parameters (canonical JSON), a well-formed
	 * solution, and the derived key's signature. A unit test holds it to the library's verdicts.
	 */
	function genuineSolution({ challenge, solution }: Payload): boolean {
		const keySignature = challenge.parameters.keySignature;
		if (typeof challenge.signature !== 'string' || typeof keySignature !== 'string') return false;
		if (!sameText(hmacHex(powSignature, canonicalJson(challenge.parameters)), challenge.signature))
			return false;
		if (
			!/^(?:[0-9a-f]{2})+$/.test(solution.derivedKey) ||
			!Number.isInteger(solution.counter) ||
			solution.counter < 0 ||
			solution.counter > 0xffffffff
		)
			return false;
		return sameText(
			hmacHex(powKeySignature, Buffer.from(solution.derivedKey, 'hex')),
			keySignature,
		);
	}

	/** The token of a genuine, current solution. */
	function proofOfWork(encoded: string, now: number): UsedToken | undefined {
		let payload: Payload;
		try {
			payload = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Payload;
			if (!payload?.challenge?.parameters || typeof payload.solution?.derivedKey !== 'string')
				return undefined;
		} catch {
			return undefined;
		}
		const expiresAt = payload.challenge.parameters.expiresAt;
		if (typeof expiresAt !== 'number' || expiresAt * 1000 <= now) return undefined;
		if (!genuineSolution(payload)) return undefined;
		return {
			hash: createHash('sha256').update(`pow:${payload.challenge.signature}`).digest('base64url'),
			expiresAt: expiresAt * 1000,
			via: 'pow',
		};
	}

	/** The token of a question answered right, in digits or in words. */
	function answeredQuestion(
		token: string,
		answer: string,
		numberWords: readonly string[],
		now: number,
	): UsedToken | undefined {
		const check = verifyToken(links, token, 'question', now);
		if (!check.ok) return undefined;
		const [nonce, expected] = check.id.split('.');
		const word = numberWords.findIndex((w) => w.toLocaleLowerCase() === answer.toLocaleLowerCase());
		const number = /^\d{1,2}$/.test(answer) ? Number(answer) : word;
		if (!nonce || !expected || number < 0) return undefined;
		const given = Buffer.from(answerHash(nonce, number));
		if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
			return undefined;
		return {
			hash: createHash('sha256').update(`question:${nonce}`).digest('base64url'),
			expiresAt: now + QUESTION_TTL_MS,
			via: 'question',
		};
	}

	return {
		newChallenge(now = Date.now()) {
			return createChallenge({
				algorithm: 'SHA-256',
				cost: 1,
				counter: randomInt(Math.floor(powMaxNumber / 5), powMaxNumber + 1),
				deriveKey,
				expiresAt: Math.floor((now + CHALLENGE_TTL_MS) / 1000),
				hmacSignatureSecret: powSignature,
				hmacKeySignatureSecret: powKeySignature,
			});
		},
		startedTicket(now = Date.now()) {
			return signToken(links, {
				purpose: 'started',
				id: String(now),
				expires: now + STARTED_TTL_MS,
			});
		},
		newQuestion,
		async judge(form, numberWords, now = Date.now()) {
			const field = (name: string) => {
				const value = form.get(name);
				return typeof value === 'string' ? value.trim() : '';
			};
			// An expired start time only means the form was open a long time: genuine, and not too fast.
			const started = verifyToken(links, field(CONTROL_FIELDS.started), 'started', now);
			if (!started.ok && started.reason === 'forged') return { kind: 'damaged' };

			// An answered question comes after a solution that did not count or a suspect form: the answer decides.
			const question = field(CONTROL_FIELDS.question);
			if (question) {
				const token = answeredQuestion(question, field(CONTROL_FIELDS.answer), numberWords, now);
				return token
					? { kind: 'person', token }
					: { kind: 'ask', question: newQuestion(now), retry: true };
			}
			if (field(CONTROL_FIELDS.honeypot) !== '')
				return { kind: 'ask', question: newQuestion(now), retry: false, suspicion: 'honeypot' };
			if (started.ok && now - Number(started.id) < minFillSeconds * 1000)
				return { kind: 'ask', question: newQuestion(now), retry: false, suspicion: 'too fast' };
			const pow = field(CONTROL_FIELDS.pow);
			if (pow) {
				const token = proofOfWork(pow, now);
				return token
					? { kind: 'person', token }
					: { kind: 'ask', question: newQuestion(now), retry: false };
			}
			return { kind: 'ask', question: newQuestion(now), retry: false };
		},
	};
}
