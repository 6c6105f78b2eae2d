/** Office people, their memberships (office and role) and their passkeys. */
import type { Database } from './database.ts';
import type {
	Membership,
	NewOfficePerson,
	OfficePerson,
	OfficeRole,
	StoredPasskey,
} from './office-types.ts';

interface PersonRow {
	id: string;
	email: string;
	name: string;
	locale: string;
	operator: number;
}
interface PasskeyRow {
	id: string;
	personId: string;
	publicKey: string;
	counter: number;
	transports: string;
}

export function officePeopleTable({ db }: Database) {
	const q = {
		insert: db.prepare(
			`INSERT INTO office_people (id, email, name, locale, operator, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING`,
		),
		byId: db.prepare('SELECT id, email, name, locale, operator FROM office_people WHERE id = ?'),
		list: db.prepare('SELECT id FROM office_people ORDER BY email'),
		byEmail: db.prepare(
			'SELECT id, email, name, locale, operator FROM office_people WHERE email = ?',
		),
		memberships: db.prepare(
			'SELECT office_id AS officeId, role FROM office_memberships WHERE person_id = ? ORDER BY office_id',
		),
		setMembership: db.prepare(
			`INSERT INTO office_memberships (person_id, office_id, role) VALUES (?, ?, ?) ON CONFLICT (person_id, office_id) DO UPDATE SET role = excluded.role`,
		),
		removeMembership: db.prepare(
			'DELETE FROM office_memberships WHERE person_id = ? AND office_id = ?',
		),
		setLocale: db.prepare('UPDATE office_people SET locale = ? WHERE id = ?'),
		passkeys: db.prepare(
			'SELECT id, person_id AS personId, public_key AS publicKey, counter, transports FROM office_passkeys WHERE person_id = ? ORDER BY created_at',
		),
		passkey: db.prepare(
			'SELECT id, person_id AS personId, public_key AS publicKey, counter, transports FROM office_passkeys WHERE id = ?',
		),
		addPasskey: db.prepare(
			'INSERT INTO office_passkeys (id, person_id, public_key, counter, transports, created_at) VALUES (?, ?, ?, ?, ?, ?)',
		),
		usePasskey: db.prepare('UPDATE office_passkeys SET counter = ?, last_used_at = ? WHERE id = ?'),
		removePasskeys: db.prepare('DELETE FROM office_passkeys WHERE person_id = ?'),
	};
	const passkey = (row: PasskeyRow): StoredPasskey => ({
		...row,
		transports: row.transports === '' ? [] : row.transports.split(','),
	});
	const person = (row: PersonRow | undefined): OfficePerson | undefined =>
		row && {
			id: row.id,
			email: row.email,
			name: row.name,
			locale: row.locale,
			operator: row.operator === 1,
			memberships: (q.memberships.all(row.id) as unknown as Membership[]).map((m) => ({ ...m })),
		};
	return {
		add(p: NewOfficePerson): 'added' | 'exists' {
			return Number(
				q.insert.run(
					p.id,
					p.email.trim().toLowerCase(),
					p.name,
					p.locale,
					p.operator ? 1 : 0,
					p.now,
				).changes,
			) === 1
				? 'added'
				: 'exists';
		},
		setMembership(personId: string, officeId: string, role: OfficeRole): void {
			q.setMembership.run(personId, officeId, role);
		},
		removeMembership: (personId: string, officeId: string) =>
			Number(q.removeMembership.run(personId, officeId).changes) === 1,
		person: (id: string) => person(q.byId.get(id) as PersonRow | undefined),
		list: () => (q.list.all() as { id: string }[]).map((r) => r.id),
		personByEmail: (email: string) =>
			person(q.byEmail.get(email.trim().toLowerCase()) as PersonRow | undefined),
		setLocale(personId: string, locale: string): void {
			q.setLocale.run(locale, personId);
		},
		passkeys: (personId: string) =>
			(q.passkeys.all(personId) as unknown as PasskeyRow[]).map(passkey),
		passkey(id: string): StoredPasskey | undefined {
			const row = q.passkey.get(id) as PasskeyRow | undefined;
			return row && passkey(row);
		},
		addPasskey(p: StoredPasskey, now: number): void {
			q.addPasskey.run(p.id, p.personId, p.publicKey, p.counter, p.transports.join(','), now);
		},
		usePasskey(id: string, counter: number, now: number): void {
			q.usePasskey.run(counter, now, id);
		},
		/** The caller holds the transaction. */
		removePasskeys: (personId: string) => Number(q.removePasskeys.run(personId).changes),
	};
}
