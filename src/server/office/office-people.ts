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
	team(admin: OfficePerson): TeamMember[] | undefined;
	add(
		admin: OfficePerson,
		form: Record<string, string>,
		now?: number,
	): { ok: true; email: string } | { ok: false; errors: PeopleFieldErrors };
	/** Recovery; 'not-found' for anyone outside the admin's offices. */
	reset(admin: OfficePerson, personId: string, now?: number): 'reset' | 'not-found';
}

const email = z.email().max(254);

export function createOfficePeople(store: Store, links: SignInLinks): OfficePeople {
	const office = store.office;
	const inTeam = (admin: OfficePerson, person: OfficePerson) =>
		person.memberships.some((m) => adminOf(admin).includes(m.officeId));
	return {
		team(admin) {
			if (adminOf(admin).length === 0) return undefined;
			return office
				.listPeople()
				.map((id) => office.person(id)!)
				.filter((p) => inTeam(admin, p))
				.map((person) => ({ person, hasPasskey: office.passkeys(person.id).length > 0 }));
		},
		add(admin, form, now = Date.now()) {
			const errors: PeopleFieldErrors = {};
			const address = (form['email'] ?? '').trim();
			const name = (form['name'] ?? '').trim();
			if (!email.safeParse(address).success) errors.email = 'error.email';
			const existing = errors.email ? undefined : office.personByEmail(address);
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
				office.addPerson({ id: randomUUID(), email: address, name, locale, operator: false, now });
			const person = existing ?? office.personByEmail(address)!;
			office.setMembership(person.id, officeId, role);
			links.send(office.person(person.id)!, now);
			return { ok: true, email: person.email };
		},
		reset(admin, personId, now = Date.now()) {
			const person = office.person(personId);
			if (!person || person.id === admin.id || !inTeam(admin, person)) return 'not-found';
			office.removePasskeys(person.id);
			links.send(person, now);
			return 'reset';
		},
	};
}
