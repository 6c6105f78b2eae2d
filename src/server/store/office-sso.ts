/**
 * Single sign-on's part of the store: which person a provider's account is, the memberships the
 * provider's groups give them, and the log of sign-ins. SQLite here; a PostgreSQL store
 * implements the same interface.
 */
import type { Database } from './database.ts';
import type { Membership } from './office-types.ts';

/** A provider's account as its verified ID token names it. */
export interface SsoAccount {
	issuer: string;
	subject: string;
	email: string;
	name: string;
}

export interface SsoSignIn {
	at: number;
	personId: string | null;
	outcome: 'signed-in' | 'refused';
	/** The offices the groups claim mapped to. */
	offices: string[];
}

export interface OfficeSsoStore {
	/**
	 * In one transaction: finds the account's person (by the account, else by its e-mail address,
	 * which then links the account to them, else adds them with `newPerson`), makes their
	 * memberships exactly `memberships` and logs the sign-in. Returns the person's id.
	 */
	signIn(
		account: SsoAccount,
		memberships: readonly Membership[],
		newPerson: { id: string; locale: string },
		logId: string,
		now: number,
	): Promise<string>;
	/**
	 * Logs a refused sign-in. A person the account is already linked to has left every mapped
	 * group at the provider: they lose their memberships and sessions here too.
	 */
	refuse(issuer: string, subject: string, logId: string, now: number): Promise<void>;
	/** The newest sign-ins first. */
	signIns(limit: number): Promise<SsoSignIn[]>;
}

export interface SignInRow {
	at: number;
	personId: string | null;
	outcome: SsoSignIn['outcome'];
	offices: string;
}

export const signInOf = (r: SignInRow): SsoSignIn => ({
	at: r.at,
	personId: r.personId,
	outcome: r.outcome,
	offices: r.offices === '' ? [] : r.offices.split(','),
});

export function officeSsoStore({ db, transaction }: Database): OfficeSsoStore {
	const q = {
		byAccount: db.prepare(
			'SELECT person_id AS personId FROM office_sso_identities WHERE issuer = ? AND subject = ?',
		),
		byEmail: db.prepare('SELECT id FROM office_people WHERE email = ?'),
		addPerson: db.prepare(
			'INSERT INTO office_people (id, email, name, locale, operator, created_at) VALUES (?, ?, ?, ?, 0, ?)',
		),
		link: db.prepare(
			'INSERT INTO office_sso_identities (issuer, subject, person_id, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?)',
		),
		touch: db.prepare(
			'UPDATE office_sso_identities SET last_sign_in_at = ? WHERE issuer = ? AND subject = ?',
		),
		clearMemberships: db.prepare('DELETE FROM office_memberships WHERE person_id = ?'),
		addMembership: db.prepare(
			'INSERT INTO office_memberships (person_id, office_id, role) VALUES (?, ?, ?)',
		),
		endSessions: db.prepare('DELETE FROM office_sessions WHERE person_id = ?'),
		log: db.prepare(
			'INSERT INTO office_sign_ins (id, at, person_id, outcome, offices) VALUES (?, ?, ?, ?, ?)',
		),
		signIns: db.prepare(
			'SELECT at, person_id AS personId, outcome, offices FROM office_sign_ins ORDER BY at DESC, id LIMIT ?',
		),
	};
	const linkedPerson = (issuer: string, subject: string) =>
		(q.byAccount.get(issuer, subject) as { personId: string } | undefined)?.personId;

	return {
		async signIn(account, memberships, newPerson, logId, now) {
			return transaction(() => {
				const { issuer, subject } = account;
				let personId = linkedPerson(issuer, subject);
				if (personId) q.touch.run(now, issuer, subject);
				else {
					const email = account.email.trim().toLowerCase();
					personId = (q.byEmail.get(email) as { id: string } | undefined)?.id;
					if (!personId) {
						personId = newPerson.id;
						q.addPerson.run(personId, email, account.name, newPerson.locale, now);
					}
					q.link.run(issuer, subject, personId, now, now);
				}
				q.clearMemberships.run(personId);
				for (const m of memberships) q.addMembership.run(personId, m.officeId, m.role);
				q.log.run(logId, now, personId, 'signed-in', memberships.map((m) => m.officeId).join(','));
				return personId;
			});
		},
		async refuse(issuer, subject, logId, now) {
			transaction(() => {
				const personId = linkedPerson(issuer, subject);
				if (personId) {
					q.clearMemberships.run(personId);
					q.endSessions.run(personId);
				}
				q.log.run(logId, now, personId ?? null, 'refused', '');
			});
		},
		signIns: async (limit) => (q.signIns.all(limit) as unknown as SignInRow[]).map(signInOf),
	};
}
