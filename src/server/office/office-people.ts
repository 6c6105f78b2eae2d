/**
 * Who may manage whom. An office admin manages the people of their offices: adds a person (or
 * gives someone a role in another of their offices), takes a role away, and – when a passkey is
 * lost – removes a person's passkeys, which ends their sessions and sends them a new enrolment
 * link. An operator does the same for every office's admins (they read no concern unless also a
 * member of its office). Nobody manages their own access here: an admin cannot lock themself out.
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

/** Per office, the roles a person may give and take there. */
export type Scope = ReadonlyMap<string, readonly OfficeRole[]>;

/**
 * What `actor` manages: as office admin everyone in their offices, as operator every office's
 * admins (both where they are both).
 */
export function scopeOf(actor: OfficePerson, officeIds: readonly string[]): Scope {
	const scope = new Map<string, readonly OfficeRole[]>();
	if (actor.operator) for (const id of officeIds) scope.set(id, ['office-admin']);
	for (const id of adminOf(actor)) if (officeIds.includes(id)) scope.set(id, OFFICE_ROLES);
	return scope;
}

/** The memberships of `person` that `scope` covers. */
export const managedRoles = (scope: Scope, person: OfficePerson) =>
	person.memberships.filter((m) => scope.get(m.officeId)?.includes(m.role));

export interface OfficePeople {
	/** What `actor` manages; empty when nothing. */
	scope(actor: OfficePerson): Scope;
	/** The people whose roles `actor` manages; undefined when they manage none. */
	team(actor: OfficePerson): Promise<TeamMember[] | undefined>;
	add(
		actor: OfficePerson,
		form: Record<string, string>,
		now?: number,
	): Promise<{ ok: true; email: string } | { ok: false; errors: PeopleFieldErrors }>;
	/** Recovery; 'not-found' for anyone outside what `actor` manages, and for themself. */
	reset(actor: OfficePerson, personId: string, now?: number): Promise<'reset' | 'not-found'>;
	/** Takes a person's role in one office away (audited); 'not-found' outside what `actor` manages, and for themself. */
	remove(
		actor: OfficePerson,
		personId: string,
		officeId: string,
		now?: number,
	): Promise<'removed' | 'not-found'>;
}

const email = z.email().max(254);

/** `officeIds`: every office of the site (content/offices), the operator's scope. */
export function createOfficePeople(
	store: Store,
	links: SignInLinks,
	officeIds: readonly string[],
): OfficePeople {
	const office = store.office;
	const scope = (actor: OfficePerson) => scopeOf(actor, officeIds);
	/** Someone else whose role `actor` manages somewhere. */
	const manages = (actor: OfficePerson, person: OfficePerson) =>
		person.id !== actor.id && managedRoles(scope(actor), person).length > 0;
	return {
		scope,
		async team(actor) {
			const managed = scope(actor);
			if (managed.size === 0) return undefined;
			const members: TeamMember[] = [];
			for (const id of await office.listPeople()) {
				const person = await office.person(id);
				if (person && (person.id === actor.id || managedRoles(managed, person).length > 0))
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
			const roles = scope(admin).get(officeId);
			if (!roles) errors.office = 'error.choose';
			const role = form['role'] as OfficeRole;
			if (!(roles ?? OFFICE_ROLES).includes(role)) errors.role = 'error.choose';
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
			await office.audit({
				at: now,
				personId: admin.id,
				officeId,
				action: 'member-add',
				reference: null,
				detail: role,
			});
			await links.send((await office.person(person.id))!, now);
			return { ok: true, email: person.email };
		},
		async reset(actor, personId, now = Date.now()) {
			const person = await office.person(personId);
			if (!person || !manages(actor, person)) return 'not-found';
			await office.removePasskeys(person.id);
			await links.send(person, now);
			return 'reset';
		},
		async remove(actor, personId, officeId, now = Date.now()) {
			const person = await office.person(personId);
			const role =
				person && managedRoles(scope(actor), person).find((m) => m.officeId === officeId);
			if (!person || !role || person.id === actor.id) return 'not-found';
			if (!(await office.removeMembership(person.id, officeId))) return 'not-found';
			// Their next request reads their memberships again: the office is out of reach at once.
			await office.audit({
				at: now,
				personId: actor.id,
				officeId,
				action: 'member-remove',
				reference: null,
				detail: role.role,
			});
			return 'removed';
		},
	};
}
