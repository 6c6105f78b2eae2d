/** Single sign-on's part of the store on PostgreSQL: the same `OfficeSsoStore` as ../office-sso.ts. */
import type { Membership } from '../office-types.ts';
import { signInOf, type OfficeSsoStore, type SignInRow } from '../office-sso.ts';
import type { PgDatabase, Queryable } from './pg-database.ts';

export function pgOfficeSso({ query, writeTransaction }: PgDatabase): OfficeSsoStore {
	async function linkedPerson(db: Queryable, issuer: string, subject: string) {
		const { rows } = await db.query<{ personId: string }>(
			'SELECT person_id AS "personId" FROM office_sso_identities WHERE issuer = $1 AND subject = $2',
			[issuer, subject],
		);
		return rows[0]?.personId;
	}
	async function setMemberships(
		db: Queryable,
		personId: string,
		memberships: readonly Membership[],
	) {
		await db.query('DELETE FROM office_memberships WHERE person_id = $1', [personId]);
		for (const m of memberships)
			await db.query(
				'INSERT INTO office_memberships (person_id, office_id, role) VALUES ($1, $2, $3)',
				[personId, m.officeId, m.role],
			);
	}
	const log = (
		db: Queryable,
		id: string,
		now: number,
		personId: string | null,
		outcome: 'signed-in' | 'refused',
		offices: string,
	) =>
		db.query(
			'INSERT INTO office_sign_ins (id, at, person_id, outcome, offices) VALUES ($1, $2, $3, $4, $5)',
			[id, now, personId, outcome, offices],
		);

	return {
		signIn(account, memberships, newPerson, logId, now) {
			return writeTransaction(async (db) => {
				const { issuer, subject } = account;
				let personId = await linkedPerson(db, issuer, subject);
				if (personId)
					await db.query(
						'UPDATE office_sso_identities SET last_sign_in_at = $1 WHERE issuer = $2 AND subject = $3',
						[now, issuer, subject],
					);
				else {
					const email = account.email.trim().toLowerCase();
					const { rows } = await db.query<{ id: string }>(
						'SELECT id FROM office_people WHERE email = $1',
						[email],
					);
					personId = rows[0]?.id;
					if (!personId) {
						personId = newPerson.id;
						await db.query(
							'INSERT INTO office_people (id, email, name, locale, operator, created_at) VALUES ($1, $2, $3, $4, 0, $5)',
							[personId, email, account.name, newPerson.locale, now],
						);
					}
					await db.query(
						'INSERT INTO office_sso_identities (issuer, subject, person_id, created_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $4)',
						[issuer, subject, personId, now],
					);
				}
				await setMemberships(db, personId, memberships);
				await log(
					db,
					logId,
					now,
					personId,
					'signed-in',
					memberships.map((m) => m.officeId).join(','),
				);
				return personId;
			});
		},
		async refuse(issuer, subject, logId, now) {
			await writeTransaction(async (db) => {
				const personId = await linkedPerson(db, issuer, subject);
				if (personId) {
					await setMemberships(db, personId, []);
					await db.query('DELETE FROM office_sessions WHERE person_id = $1', [personId]);
				}
				await log(db, logId, now, personId ?? null, 'refused', '');
			});
		},
		async signIns(limit) {
			const { rows } = await query<SignInRow>(
				'SELECT at, person_id AS "personId", outcome, offices FROM office_sign_ins ORDER BY at DESC, id LIMIT $1',
				[limit],
			);
			return rows.map(signInOf);
		},
	};
}
