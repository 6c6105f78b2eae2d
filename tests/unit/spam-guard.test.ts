import { hkdfSync, randomBytes } from 'node:crypto';
import { solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_FIELDS } from '../../src/lib/control-fields.ts';
import { createSpamGuard } from '../../src/server/spam-guard.ts';

const dataKey = randomBytes(32);
const { judge, newChallenge, newQuestion, startedTicket } = createSpamGuard({
	dataKey,
	minFillSeconds: 3,
	powMaxNumber: 50,
});

const WORDS = 'null,eins,zwei,drei,vier,fünf,sechs,sieben,acht,neun,zehn'.split(',');
const T0 = Date.now();
const LATER = T0 + 60_000;

async function solved(now = T0): Promise<string> {
	const challenge = await newChallenge(now);
	const solution = await solveChallenge({ challenge, deriveKey });
	return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

let started: string;
beforeAll(() => {
	started = startedTicket(T0);
});

const person = { kind: 'person' };

describe('judge', () => {
	it('lets a person through: a genuine start time, long enough ago, and a solved challenge, whose token it names', async () => {
		const verdict = await judge(
			form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: await solved() }),
			WORDS,
			LATER,
		);
		expect(verdict).toMatchObject({ ...person, token: { via: 'pow', hash: expect.any(String) } });
	});

	it('asks the question of a form with the honeypot filled in, even with a solved challenge; a right answer lets it through', async () => {
		const verdict = await judge(
			form({
				[CONTROL_FIELDS.started]: started,
				[CONTROL_FIELDS.pow]: await solved(),
				[CONTROL_FIELDS.honeypot]: 'Ada Example',
			}),
			WORDS,
			LATER,
		);
		expect(verdict).toMatchObject({ kind: 'ask', retry: false, suspicion: 'honeypot' });
		if (verdict.kind !== 'ask') return;
		const { a, b, token } = verdict.question;
		// The question step carries neither the solution nor the honeypot, but a form that still has them passes on the answer alone.
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: token,
					[CONTROL_FIELDS.answer]: String(a + b),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ ...person, token: { via: 'question' } });
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.pow]: await solved(),
					[CONTROL_FIELDS.honeypot]: 'x',
					[CONTROL_FIELDS.question]: token,
					[CONTROL_FIELDS.answer]: String(a + b),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({
			...person,
			token: { via: 'question' },
		});
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.honeypot]: 'x',
					[CONTROL_FIELDS.question]: token,
					[CONTROL_FIELDS.answer]: String(a + b + 1),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ kind: 'ask', retry: true });
	});

	it('asks the question of a form sent within 3 seconds of being shown, even with a solved challenge; a right answer lets it through at once', async () => {
		const verdict = await judge(
			form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: await solved() }),
			WORDS,
			T0 + 2_999,
		);
		expect(verdict).toMatchObject({ kind: 'ask', retry: false, suspicion: 'too fast' });
		if (verdict.kind !== 'ask') return;
		const { a, b, token } = verdict.question;
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: token,
					[CONTROL_FIELDS.answer]: String(a + b),
				}),
				WORDS,
				T0 + 2_999,
			),
		).toMatchObject({ ...person, token: { via: 'question' } });
		// At 3 seconds the solution alone counts.
		expect(
			await judge(
				form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: await solved() }),
				WORDS,
				T0 + 3_000,
			),
		).toMatchObject({ ...person, token: { via: 'pow' } });
	});

	it('never names a suspicion for a form that is only missing a solution', async () => {
		const verdict = await judge(form({ [CONTROL_FIELDS.started]: started }), WORDS, LATER);
		expect(verdict.kind).toBe('ask');
		expect('suspicion' in verdict).toBe(false);
	});

	it('refuses a form without or with a forged start time as damaged', async () => {
		expect(await judge(form({ [CONTROL_FIELDS.pow]: await solved() }), WORDS, LATER)).toEqual({
			kind: 'damaged',
		});
		const [payload] = started.split('.');
		expect(
			await judge(
				form({ [CONTROL_FIELDS.started]: `${payload}.AAAA`, [CONTROL_FIELDS.pow]: await solved() }),
				WORDS,
				LATER,
			),
		).toEqual({ kind: 'damaged' });
	});

	it('accepts a form that was open longer than a day (its start time expired, but it is genuine)', async () => {
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.pow]: await solved(T0 + 25 * 3600_000),
				}),
				WORDS,
				T0 + 25 * 3600_000,
			),
		).toMatchObject(person);
	});

	it('names the same token each time one solution is sent, and different tokens for different solutions (the store refuses a second use)', async () => {
		const pow = await solved();
		const first = await judge(
			form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow }),
			WORDS,
			LATER,
		);
		const again = await judge(
			form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow }),
			WORDS,
			LATER,
		);
		const other = await judge(
			form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: await solved() }),
			WORDS,
			LATER,
		);
		expect(first.kind === 'person' && again.kind === 'person' && other.kind === 'person').toBe(
			true,
		);
		if (first.kind !== 'person' || again.kind !== 'person' || other.kind !== 'person') return;
		expect(again.token).toEqual(first.token);
		expect(other.token.hash).not.toBe(first.token.hash);
		// Kept until the challenge expires (2 hours after it was issued).
		expect(first.token.expiresAt).toBeGreaterThan(T0 + 3600_000);
	});

	it('refuses an expired, tampered or made-up solution', async () => {
		const pow = await solved();
		expect(
			await judge(
				form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: pow }),
				WORDS,
				T0 + 3 * 3600_000,
			),
		).toMatchObject({ kind: 'ask' });
		const tampered = JSON.parse(Buffer.from(await solved(), 'base64').toString('utf8')) as {
			solution: { derivedKey: string };
		};
		tampered.solution.derivedKey = '00'.repeat(32);
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.pow]: Buffer.from(JSON.stringify(tampered)).toString('base64'),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ kind: 'ask' });
		for (const junk of [
			'x',
			'e30=',
			Buffer.from('{"challenge":{},"solution":{}}').toString('base64'),
		]) {
			expect(
				await judge(
					form({ [CONTROL_FIELDS.started]: started, [CONTROL_FIELDS.pow]: junk }),
					WORDS,
					LATER,
				),
			).toMatchObject({ kind: 'ask' });
		}
	});

	it('verifies a solution as altcha-lib does: the genuine one passes, every altered part is refused', async () => {
		// The guard checks with node:crypto; the library, given the guard's keys, must agree on each case.
		const secret = (info: string) =>
			Buffer.from(
				hkdfSync('sha256', dataKey, Buffer.alloc(0), `child-protection-site ${info}`, 32),
			).toString('hex');
		type Solved = {
			challenge: { parameters: Record<string, unknown>; signature: string };
			solution: { counter: unknown; derivedKey: string };
		};
		const genuine = JSON.parse(Buffer.from(await solved(), 'base64').toString('utf8')) as Solved;
		const altered = (change: (s: Solved) => void): Solved => {
			const copy = structuredClone(genuine);
			change(copy);
			return copy;
		};
		const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
		const cases: [string, Solved][] = [
			['genuine', genuine],
			['signature', altered((s) => void (s.challenge.signature = flip(s.challenge.signature)))],
			['a parameter', altered((s) => void (s.challenge.parameters['keyPrefix'] = 'ff'))],
			['an added parameter', altered((s) => void (s.challenge.parameters['data'] = { a: 1 }))],
			[
				'the key signature',
				altered(
					(s) =>
						void (s.challenge.parameters['keySignature'] = flip(
							String(s.challenge.parameters['keySignature']),
						)),
				),
			],
			[
				'the derived key',
				altered((s) => void (s.solution.derivedKey = flip(s.solution.derivedKey))),
			],
			[
				'the derived key in capitals',
				altered((s) => void (s.solution.derivedKey = s.solution.derivedKey.toUpperCase())),
			],
			['a negative counter', altered((s) => void (s.solution.counter = -1))],
			['a fractional counter', altered((s) => void (s.solution.counter = 1.5))],
			['a counter as text', altered((s) => void (s.solution.counter = '7'))],
			['a counter past 32 bits', altered((s) => void (s.solution.counter = 2 ** 32))],
		];
		for (const [name, payload] of cases) {
			const library = await verifySolution({
				challenge: payload.challenge as never,
				solution: payload.solution as never,
				deriveKey,
				hmacSignatureSecret: secret('pow signature'),
				hmacKeySignatureSecret: secret('pow key signature'),
			}).catch(() => ({ verified: false }));
			const verdict = await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.pow]: Buffer.from(JSON.stringify(payload)).toString('base64'),
				}),
				WORDS,
				LATER,
			);
			expect({ name, person: verdict.kind === 'person' }).toEqual({
				name,
				person: library.verified,
			});
			expect({ name, person: verdict.kind === 'person' }).toEqual({
				name,
				person: name === 'genuine',
			});
		}
	});

	it('without a solution, asks the question; a right answer (digits or the word) passes, a wrong or expired one asks again', async () => {
		expect(await judge(form({ [CONTROL_FIELDS.started]: started }), WORDS, LATER)).toMatchObject({
			kind: 'ask',
			retry: false,
		});
		const q = newQuestion(T0);
		const sum = q.a + q.b;
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: q.token,
					[CONTROL_FIELDS.answer]: String(sum + 1),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ kind: 'ask', retry: true });
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: q.token,
					[CONTROL_FIELDS.answer]: ` ${WORDS[sum]!.toUpperCase()} `,
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ ...person, token: { via: 'question' } });
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: q.token,
					[CONTROL_FIELDS.answer]: String(sum),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ ...person, token: { via: 'question' } });
		// An hour later the question has expired.
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: q.token,
					[CONTROL_FIELDS.answer]: String(sum),
				}),
				WORDS,
				T0 + 3600_001,
			),
		).toMatchObject({ kind: 'ask', retry: true });
		// A right answer counts even when a solution that did not count comes along with it.
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.pow]: 'not-a-solution',
					[CONTROL_FIELDS.question]: q.token,
					[CONTROL_FIELDS.answer]: String(sum),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ ...person, token: { via: 'question' } });
		// A forged question token does not count.
		expect(
			await judge(
				form({
					[CONTROL_FIELDS.started]: started,
					[CONTROL_FIELDS.question]: `${q.token}x`,
					[CONTROL_FIELDS.answer]: String(sum),
				}),
				WORDS,
				LATER,
			),
		).toMatchObject({ kind: 'ask', retry: true });
	});

	it('asks small sums only, so the answer is one of the number words', () => {
		for (let i = 0; i < 200; i++) {
			const { a, b } = newQuestion(T0);
			expect(a + b).toBeLessThanOrEqual(10);
			expect(Math.min(a, b)).toBeGreaterThanOrEqual(1);
		}
	});
});
