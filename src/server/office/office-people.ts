/**
 * An office admin manages the people of their offices: adds a person (or gives someone a role in
 * another of their offices), and – when a passkey is lost – removes a person's passkeys, which
 * ends their sessions and sends them a new enrolment link. Only within the admin's own offices.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LOCALES } from '../../lib/locales.ts';
import type { Store } from '../store.ts';
import { OFFICE_ROLES, type OfficePerson, type OfficeRole } from '../store/office-types.ts';
import { adminOf } from './office-cases.ts';
import type { SignInLinks } from './sign-in-links.ts';

export interface TeamMember {
	person: OfficePerson;
	hasPasskey: boolean;
}

/** A field's error as a UI key (the page shows it in the admin's language). */
export type PeopleFieldErrors = Partial<
	Record<
		'email' | 'name' | 'office' | 'role' | 'locale',
		'error.email' | 'error.required' | 'error.choose' | 'error.tooLong'
	>
>;

export interface OfficePeople {
	/** The people of the offices `admin` administers; undefined when they administer none. */
	team(admin: OfficePerson): Promise<TeamMember[] | undefined>;
	add(
		admin: OfficePerson,
		form: Record<string, string>,
		now?: number,
	): Promise<{ ok: true; email: string } | { ok: false; errors: PeopleFieldErrors }>;
	/** Recovery; 'not-found' for anyone outside the admin's offices. */
	reset(admin: OfficePerson, personId: string, now?: number): Promise<'reset' | 'not-found'>;
}

const email = z.email().max(254);

export function createOfficePeople(store: Store, links: SignInLinks): OfficePeople {
	const office = store.office;
	const inTeam = (admin: OfficePerson, person: OfficePerson) =>
		person.memberships.some((m) => adminOf(admin).includes(m.officeId));
	return {
		async team(admin) {
			if (adminOf(admin).length === 0) return undefined;
			const members: TeamMember[] = [];
			for (const id of await office.listPeople()) {
				const person = await office.person(id);
				if (person && inTeam(admin, person))
					members.push({ person, hasPasskey: (await office.passkeys(person.id)).length > 0 });
			}
			return members;
		},
		async add(admin, form, now = Date.now()) {
			const errors: PeopleFieldErrors = {};
			const address = (form['email'] ?? '').trim();
			const name = (form['name'] ?? '').trim();
			if (!email.safeParse(address).success) errors.email = 'error.email';
			const existing = errors.email ? undefined : await office.personByEmail(address);
			if (!existing && name === '') errors.name = 'error.required';
			if (name.length > 120) errors.name = 'error.tooLong';
			const officeId = form['office'] ?? '';
			if (!adminOf(admin).includes(officeId)) errors.office = 'error.choose';
			const role = form['role'] as OfficeRole;
			if (!OFFICE_ROLES.includes(role)) errors.role = 'error.choose';
			const locale = form['locale'] ?? '';
			if (!(LOCALES as readonly string[]).includes(locale)) errors.locale = 'error.choose';
			if (Object.keys(errors).length > 0) return { ok: false, errors };
			if (!existing)
				await office.addPerson({
					id: randomUUID(),
					email: address,
					name,
					locale,
					operator: false,
					now,
				});
			const person = existing ?? (await office.personByEmail(address))!;
			await office.setMembership(person.id, officeId, role);
			await links.send((await office.person(person.id))!, now);
			return { ok: true, email: person.email };
		},
		async reset(admin, personId, now = Date.now()) {
			const person = await office.person(personId);
			if (!person || person.id === admin.id || !inTeam(admin, person)) return 'not-found';
			await office.removePasskeys(person.id);
			await links.send(person, now);
			return 'reset';
		},
	};
}
