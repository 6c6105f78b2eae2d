import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOfficeCommand } from '../../src/server/office/office-cli.ts';
import { createSignInLinks } from '../../src/server/office/sign-in-links.ts';
import { openSqliteStore, type Store } from '../../src/server/store.ts';

let dir: string;
let store: Store;
let lines: string[];
beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'office-cli-'));
	store = openSqliteStore(dir);
	lines = [];
});
afterEach(async () => {
	await store.close();
	rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) =>
	runOfficeCommand(argv, {
		store,
		links: createSignInLinks(
			store.office,
			store.rateLimiter,
			Buffer.alloc(32, 1),
			'https://concerns.example.org',
		),
		offices: new Map([['dk-eksempelby', ['eksempel']]]),
		print: (l) => lines.push(l),
	});

describe('npm run office', () => {
	it('adds the first operator and a case worker, each with an enrolment link in the outbox', async () => {
		expect(await run('add', '--operator', '--email', 'Op@Example.org', '--name', 'Olga')).toBe(0);
		expect(
			await run(
				'add',
				'--email',
				'cw@example.org',
				'--name',
				'Carl',
				'--office',
				'dk-eksempelby',
				'--role',
				'case-worker',
				'--locale',
				'da',
			),
		).toBe(0);
		expect(await store.office.personByEmail('op@example.org')).toMatchObject({
			operator: true,
			memberships: [],
		});
		expect(await store.office.personByEmail('cw@example.org')).toMatchObject({
			operator: false,
			locale: 'da',
			memberships: [{ officeId: 'dk-eksempelby', role: 'case-worker' }],
		});
		expect((await store.health(Date.now())).pending).toBe(2);
		// An existing person gets another role; nobody is added twice.
		expect(
			await run(
				'add',
				'--email',
				'cw@example.org',
				'--office',
				'dk-eksempelby',
				'--role',
				'office-admin',
			),
		).toBe(0);
		expect((await store.office.personByEmail('cw@example.org'))?.memberships).toEqual([
			{ officeId: 'dk-eksempelby', role: 'office-admin' },
		]);
		expect(await store.office.listPeople()).toHaveLength(2);
	});

	it('makes a person a specialist of an office, shown in the list', async () => {
		const add = (specialist: string) =>
			run(
				...'add --email sp@example.org --name Mette --office dk-eksempelby --role case-worker'.split(
					' ',
				),
				'--specialist',
				specialist,
			);
		expect(await add('eksempel')).toBe(0);
		const person = (await store.office.personByEmail('sp@example.org'))!;
		expect(await store.specialists.linksOf(person.id)).toEqual([
			{ officeId: 'dk-eksempelby', specialistId: 'eksempel' },
		]);
		lines = [];
		expect(await run('list')).toBe(0);
		expect(lines.join('\n')).toContain('dk-eksempelby:case-worker (specialist eksempel)');
		// A specialist who offers no consultations (or none of this office) is refused; the link stays.
		expect(await add('intake')).toBe(2);
		expect(await store.specialists.linksOf(person.id)).toHaveLength(1);
	});

	it.each([
		[
			[
				'add',
				'--email',
				'x@example.org',
				'--name',
				'X',
				'--office',
				'nowhere',
				'--role',
				'case-worker',
			],
			'--office',
		],
		[
			[
				'add',
				'--email',
				'x@example.org',
				'--name',
				'X',
				'--office',
				'dk-eksempelby',
				'--role',
				'boss',
			],
			'--role',
		],
		[
			['add', '--email', 'x@example.org', '--name', 'X', '--office', 'dk-eksempelby'],
			'--office and --role',
		],
		[['add', '--email', 'x@example.org', '--name', 'X'], '--operator'],
		[['add', '--email', 'not-an-address', '--name', 'X', '--operator'], '--email'],
		[['add', '--email', 'x@example.org', '--operator'], '--name'],
		[
			['add', '--email', 'x@example.org', '--name', 'X', '--operator', '--locale', 'fr'],
			'--locale',
		],
		[['link', '--email', 'nobody@example.org'], '--email'],
		[
			'add --email x@example.org --name X --office dk-eksempelby --role case-worker --specialist somebody-else'.split(
				' ',
			),
			'--specialist',
		],
		[['promote'], 'Unknown command'],
		[['add', '--bogus'], 'Unknown option'],
	])('refuses %j naming the problem, and stores nothing', async (argv, problem) => {
		expect(await run(...argv)).toBe(2);
		expect(lines.join('\n')).toContain(problem);
		expect(await store.office.listPeople()).toEqual([]);
		expect((await store.health(Date.now())).pending).toBe(0);
	});
});
