/**
 * `npm run office -- <command>`: the operator's commands for the office workspace's people, run
 * on the server next to the store (the running server's outbox sends the e-mails they queue).
 *
 *   add --email <address> --name <name> [--operator] [--office <id> --role case-worker|office-admin [--specialist <id>]] [--locale en]
 *       adds a person (the first operator with --operator) or gives an existing one a role in an
 *       office, and e-mails a person without a passkey a single-use link to set one up; with
 *       --specialist the person is that specialist of the office (content/offices/<id>.yaml) and
 *       manages their consultations in the workspace
 *   link --email <address>     a new enrolment link (only for a person without a passkey)
 *   reset --email <address>    recovery: removes the person's passkeys, ends their sessions, sends a link
 *   list                       people, their offices, roles and specialists, and whether they have a passkey
 *
 * Loaded directly by Node (type stripping), so only erasable TypeScript here.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Office } from '../../lib/content-schemas.ts';
import { LOCALES, type Locale } from '../../lib/locales.ts';
import type { Store } from '../store.ts';
import { OFFICE_ROLES, type OfficeRole } from '../store/office-types.ts';
import type { SignInLinks } from './sign-in-links.ts';

export interface CliParts {
	store: Store;
	links: SignInLinks;
	/** Office ids in content/offices, each with the ids of its specialists who offer consultations. */
	offices: ReadonlyMap<string, readonly string[]>;
	print(line: string): void;
	now?: number;
}

export const USAGE = `Usage: npm run office -- <command>
  add --email <address> --name <name> [--operator] [--office <id> --role case-worker|office-admin [--specialist <id>]] [--locale ${LOCALES.join('|')}]
  link --email <address>
  reset --email <address>
  list`;

const email = z.email().max(254);

/** `CliParts.offices` from the content's offices: each with its specialists who offer consultations. */
export function consultingSpecialists(
	offices: ReadonlyMap<string, Pick<Office, 'specialists'>>,
): Map<string, string[]> {
	return new Map(
		[...offices].map(([id, office]) => [
			id,
			office.specialists.filter((s) => s.availability.length > 0).map((s) => s.id),
		]),
	);
}

/** Runs one command; returns the exit code. Every refusal names the option. */
export async function runOfficeCommand(argv: string[], parts: CliParts): Promise<number> {
	const { store, links, offices, print } = parts;
	const now = parts.now ?? Date.now();
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				email: { type: 'string' },
				name: { type: 'string' },
				office: { type: 'string' },
				role: { type: 'string' },
				specialist: { type: 'string' },
				locale: { type: 'string', default: 'en' },
				operator: { type: 'boolean', default: false },
			},
		});
	} catch (error) {
		print(`${(error as Error).message}\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	const [command] = positionals;
	const fail = (message: string) => (print(`${message}\n${USAGE}`), 2);

	if (command === 'list') {
		for (const id of await store.office.listPeople()) {
			const p = (await store.office.person(id))!;
			const specialists = await store.specialists.linksOf(p.id);
			const roles = p.memberships
				.map((m) => {
					const specialist = specialists.find((s) => s.officeId === m.officeId)?.specialistId;
					return `${m.officeId}:${m.role}${specialist ? ` (specialist ${specialist})` : ''}`;
				})
				.join(', ');
			const passkey = (await store.office.passkeys(p.id)).length > 0 ? 'passkey' : 'no passkey';
			print(
				`${p.email}\t${p.name}\t${p.operator ? 'operator' : '-'}\t${roles || '-'}\t${passkey}\t${p.locale}`,
			);
		}
		return 0;
	}
	if (command !== 'add' && command !== 'link' && command !== 'reset')
		return fail(`Unknown command: ${command ?? '(none)'}`);
	if (!values.email || !email.safeParse(values.email).success)
		return fail('--email: a valid e-mail address is required');

	if (command === 'add') {
		const locale = values.locale as Locale;
		if (!LOCALES.includes(locale)) return fail(`--locale: one of ${LOCALES.join(', ')}`);
		if ((values.office === undefined) !== (values.role === undefined))
			return fail('--office and --role go together');
		if (values.office !== undefined && !offices.has(values.office))
			return fail(`--office: no content/offices/${values.office}.yaml`);
		if (values.role !== undefined && !OFFICE_ROLES.includes(values.role as OfficeRole))
			return fail(`--role: one of ${OFFICE_ROLES.join(', ')}`);
		if (!values.operator && values.office === undefined)
			return fail('--office and --role, or --operator, are required');
		if (
			values.specialist !== undefined &&
			!offices.get(values.office ?? '')?.includes(values.specialist)
		)
			return fail(
				`--specialist: no specialist with this id offers consultations in content/offices/${values.office ?? '<--office>'}.yaml`,
			);
		let person = await store.office.personByEmail(values.email);
		if (!person) {
			const name = values.name?.trim();
			if (!name || name.length > 120)
				return fail('--name: required for a new person (at most 120 characters)');
			await store.office.addPerson({
				id: randomUUID(),
				email: values.email,
				name,
				locale,
				operator: values.operator,
				now,
			});
			person = (await store.office.personByEmail(values.email))!;
			print(`Added ${person.email}${values.operator ? ' (operator)' : ''}.`);
		} else if (values.operator && !person.operator)
			return fail('--operator: an existing person cannot be made operator here');
		if (values.office !== undefined && values.role !== undefined) {
			await store.office.setMembership(person.id, values.office, values.role as OfficeRole);
			print(`${person.email} is ${values.role} of ${values.office}.`);
			if (values.specialist !== undefined) {
				await store.specialists.link(person.id, {
					officeId: values.office,
					specialistId: values.specialist,
				});
				print(`${person.email} is the specialist ${values.specialist} of ${values.office}.`);
			}
		}
		const url = await links.send((await store.office.person(person.id))!, now);
		if (url)
			print(
				`A sign-in link to set up a passkey was queued for ${person.email} (valid 20 minutes).`,
			);
		return 0;
	}

	const person = await store.office.personByEmail(values.email);
	if (!person) return fail(`--email: nobody with ${values.email}`);
	if (command === 'reset') {
		const removed = await store.office.removePasskeys(person.id);
		print(`Removed ${removed} passkey(s) of ${person.email} and ended their sessions.`);
	}
	if (!(await links.send(person, now)))
		return fail(
			`${person.email} has a passkey: a link cannot sign them in (use reset for a lost passkey)`,
		);
	print(`A sign-in link was queued for ${person.email} (valid 20 minutes).`);
	return 0;
}
