/**
 * The office workspace's store on PostgreSQL: the same `OfficeStore` as office-*.ts of the SQLite
 * store, statement by statement, in PostgreSQL's dialect.
 */
import { randomUUID } from 'node:crypto';
import type { MailBudget, MessageKind, NewSubmission } from '../../store.ts';
import type {
	AuditEntry,
	CaseRow,
	Membership,
	OfficePerson,
	OfficeStore,
	StoredPasskey,
} from '../office-types.ts';
import type { SentFeedback } from '../office-feedback.ts';
import type { PgDatabase, Queryable } from './pg-database.ts';

/** What the office store shares with the rest of the store (inside the caller's transaction). */
export interface OutboxParts {
	insertSubmission(db: Queryable, s: NewSubmission): Promise<string>;
	queue(db: Queryable, s: NewSubmission): Promise<MessageKind[]>;
	queueOne(
		db: Queryable,
		submissionId: string,
		officeId: string,
		kind: MessageKind,
		now: number,
		budget?: MailBudget,
	): Promise<boolean>;
}

/** The columns of a `CaseRow`, from `office_cases c` joined with `submissions s`. */
export const CASE_COLUMNS = `c.submission_id AS "submissionId", s.reference, c.office_id AS "officeId", s.locale, c.urgent = 1 AS urgent, c.status,
	c.received_at AS "receivedAt", c.acknowledged_at AS "acknowledgedAt", c.status_changed_at AS "statusChangedAt", c.exported_at AS "exportedAt"`;
const PASSKEY_COLUMNS = `id, person_id AS "personId", public_key AS "publicKey", counter, transports`;

interface PersonRow {
	id: string;
	email: string;
	name: string;
	locale: string;
	operator: number;
}

const passkeyOf = (row: Omit<StoredPasskey, 'transports'> & { transports: string }) => ({
	...row,
	transports: row.transports === '' ? [] : row.transports.split(','),
});
const changed = (result: { rowCount: number | null }) => (result.rowCount ?? 0) > 0;

export function pgOfficeStore(database: PgDatabase, outbox: OutboxParts): OfficeStore {
	const { query, writeTransaction } = database;

	async function person(row: PersonRow | undefined): Promise<OfficePerson | undefined> {
		if (!row) return undefined;
		const { rows } = await query<Membership>(
			'SELECT office_id AS "officeId", role FROM office_memberships WHERE person_id = $1 ORDER BY office_id',
			[row.id],
		);
		return {
			id: row.id,
			email: row.email,
			name: row.name,
			locale: row.locale,
			operator: row.operator === 1,
			memberships: rows,
		};
	}

	async function findCase(db: Queryable, key: string): Promise<CaseRow | undefined> {
		const { rows } = await db.query<CaseRow>(
			`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id WHERE s.reference = $1 OR c.submission_id = $1`,
			[key],
		);
		return rows[0];
	}

	async function sentFeedback(db: Queryable, submissionId: string) {
		const { rows } = await db.query<SentFeedback>(
			'SELECT sent_at AS "sentAt", person_id AS "personId", body FROM office_feedback WHERE submission_id = $1',
			[submissionId],
		);
		return rows[0];
	}

	async function audit(db: Queryable, e: AuditEntry): Promise<void> {
		await db.query(
			'INSERT INTO office_audit (id, at, person_id, office_id, action, reference, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
			[randomUUID(), e.at, e.personId, e.officeId, e.action, e.reference, e.detail],
		);
	}

	return {
		async addPerson(p) {
			const result = await query(
				`INSERT INTO office_people (id, email, name, locale, operator, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING`,
				[p.id, p.email.trim().toLowerCase(), p.name, p.locale, p.operator ? 1 : 0, p.now],
			);
			return changed(result) ? 'added' : 'exists';
		},
		async setMembership(personId, officeId, role) {
			await query(
				`INSERT INTO office_memberships (person_id, office_id, role) VALUES ($1, $2, $3)
				 ON CONFLICT (person_id, office_id) DO UPDATE SET role = excluded.role`,
				[personId, officeId, role],
			);
		},
		async removeMembership(personId, officeId) {
			return changed(
				await query('DELETE FROM office_memberships WHERE person_id = $1 AND office_id = $2', [
					personId,
					officeId,
				]),
			);
		},
		async person(id) {
			const { rows } = await query<PersonRow>(
				'SELECT id, email, name, locale, operator FROM office_people WHERE id = $1',
				[id],
			);
			return person(rows[0]);
		},
		async listPeople() {
			const { rows } = await query<{ id: string }>('SELECT id FROM office_people ORDER BY email');
			return rows.map((r) => r.id);
		},
		async personByEmail(email) {
			const { rows } = await query<PersonRow>(
				'SELECT id, email, name, locale, operator FROM office_people WHERE email = $1',
				[email.trim().toLowerCase()],
			);
			return person(rows[0]);
		},
		async setLocale(personId, locale) {
			await query('UPDATE office_people SET locale = $1 WHERE id = $2', [locale, personId]);
		},

		async passkeys(personId) {
			const { rows } = await query<Omit<StoredPasskey, 'transports'> & { transports: string }>(
				`SELECT ${PASSKEY_COLUMNS} FROM office_passkeys WHERE person_id = $1 ORDER BY created_at`,
				[personId],
			);
			return rows.map(passkeyOf);
		},
		async passkey(id) {
			const { rows } = await query<Omit<StoredPasskey, 'transports'> & { transports: string }>(
				`SELECT ${PASSKEY_COLUMNS} FROM office_passkeys WHERE id = $1`,
				[id],
			);
			return rows[0] && passkeyOf(rows[0]);
		},
		async addPasskey(p, now) {
			await query(
				'INSERT INTO office_passkeys (id, person_id, public_key, counter, transports, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
				[p.id, p.personId, p.publicKey, p.counter, p.transports.join(','), now],
			);
		},
		async usePasskey(id, counter, now) {
			await query('UPDATE office_passkeys SET counter = $1, last_used_at = $2 WHERE id = $3', [
				counter,
				now,
				id,
			]);
		},
		removePasskeys(personId) {
			return writeTransaction(async (db) => {
				await db.query('DELETE FROM office_sessions WHERE person_id = $1', [personId]);
				const removed = await db.query('DELETE FROM office_passkeys WHERE person_id = $1', [
					personId,
				]);
				return removed.rowCount ?? 0;
			});
		},

		async createSession(idHash, personId, level, now) {
			await query(
				'INSERT INTO office_sessions (id_hash, person_id, level, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)',
				[idHash, personId, level, now],
			);
		},
		async session(idHash) {
			const { rows } = await query<{
				personId: string;
				level: 'enrol' | 'passkey';
				createdAt: number;
				lastSeenAt: number;
			}>(
				'SELECT person_id AS "personId", level, created_at AS "createdAt", last_seen_at AS "lastSeenAt" FROM office_sessions WHERE id_hash = $1',
				[idHash],
			);
			return rows[0];
		},
		async touchSession(idHash, now) {
			await query('UPDATE office_sessions SET last_seen_at = $1 WHERE id_hash = $2', [now, idHash]);
		},
		async endSession(idHash) {
			await query('DELETE FROM office_sessions WHERE id_hash = $1', [idHash]);
		},
		async endSessions(personId) {
			const result = await query('DELETE FROM office_sessions WHERE person_id = $1', [personId]);
			return result.rowCount ?? 0;
		},
		async forgetExpired(now, idleBefore, createdBefore) {
			await query('DELETE FROM office_sessions WHERE last_seen_at < $1 OR created_at < $2', [
				idleBefore,
				createdBefore,
			]);
			await query('DELETE FROM office_sign_in_links WHERE expires_at < $1', [now]);
			await query('DELETE FROM office_used_challenges WHERE expires_at < $1', [now]);
		},
		async createSignInLink(tokenHash, personId, now, expiresAt, message) {
			await writeTransaction(async (db) => {
				await db.query(
					'INSERT INTO office_sign_in_links (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
					[tokenHash, personId, now, expiresAt],
				);
				// The person is waiting for it: sent before the queue of ordinary mail.
				const s = {
					id: message.submissionId,
					kind: 'office-link' as const,
					officeId: '',
					locale: message.locale,
					body: message.body,
					messages: ['office-sign-in-link' as const],
					priority: 1 as const,
					now,
				};
				await outbox.insertSubmission(db, s);
				await outbox.queue(db, s);
			});
		},
		async useSignInLink(tokenHash, now) {
			const { rows } = await query<{ personId: string }>(
				'UPDATE office_sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING person_id AS "personId"',
				[now, tokenHash],
			);
			return rows[0]?.personId;
		},
		async useChallenge(challengeHash, expiresAt) {
			return changed(
				await query(
					'INSERT INTO office_used_challenges (challenge_hash, expires_at) VALUES ($1, $2) ON CONFLICT (challenge_hash) DO NOTHING',
					[challengeHash, expiresAt],
				),
			);
		},

		async inbox(officeIds) {
			if (officeIds.length === 0) return [];
			const { rows } = await query<CaseRow>(
				`SELECT ${CASE_COLUMNS} FROM office_cases c JOIN submissions s ON s.id = c.submission_id
				 WHERE c.office_id = ANY($1) ORDER BY c.urgent DESC, c.received_at DESC`,
				[officeIds],
			);
			return rows;
		},
		findCase: (key) => findCase(database.pool, key),
		acknowledge(submissionId, personId, now, receipt) {
			return writeTransaction(async (db) => {
				const found = await findCase(db, submissionId);
				if (!found) return 'already';
				const done = await db.query(
					`UPDATE office_cases SET status = 'acknowledged', acknowledged_at = $1, status_changed_at = $1 WHERE submission_id = $2 AND status = 'new'`,
					[now, submissionId],
				);
				if (!changed(done)) return 'already';
				await audit(db, {
					at: now,
					personId,
					officeId: found.officeId,
					action: 'acknowledge',
					reference: found.reference,
					detail: null,
				});
				if (receipt)
					await outbox.queueOne(
						db,
						submissionId,
						found.officeId,
						'concern-acknowledged',
						now,
						receipt,
					);
				return 'acknowledged';
			});
		},
		setStatus(submissionId, status, personId, now) {
			return writeTransaction(async (db) => {
				const found = await findCase(db, submissionId);
				if (!found) return 'unchanged';
				const done = await db.query(
					'UPDATE office_cases SET status = $1, status_changed_at = $2 WHERE submission_id = $3 AND status <> $1',
					[status, now, submissionId],
				);
				if (!changed(done)) return 'unchanged';
				await audit(db, {
					at: now,
					personId,
					officeId: found.officeId,
					action: 'status',
					reference: found.reference,
					detail: status,
				});
				return 'changed';
			});
		},
		audit: (entry) => audit(database.pool, entry),
		async recordExport({ submissionId, ...entry }) {
			await writeTransaction(async (db) => {
				await audit(db, entry);
				await db.query(
					'UPDATE office_cases SET exported_at = COALESCE(exported_at, $1) WHERE submission_id = $2',
					[entry.at, submissionId],
				);
			});
		},
		feedback: {
			send({ submissionId, personId, now, body, notifier }) {
				return writeTransaction(async (db) => {
					const found = await findCase(db, submissionId);
					if (!found || (await sentFeedback(db, submissionId))) return 'already';
					// The budget is taken first: past it, nothing is written.
					if (
						!(await outbox.queueOne(
							db,
							submissionId,
							found.officeId,
							'concern-feedback',
							now,
							notifier,
						))
					)
						return 'over-budget';
					await db.query(
						'INSERT INTO office_feedback (submission_id, sent_at, person_id, body) VALUES ($1, $2, $3, $4)',
						[submissionId, now, personId, Buffer.from(body)],
					);
					await audit(db, {
						at: now,
						personId,
						officeId: found.officeId,
						action: 'feedback',
						reference: found.reference,
						detail: null,
					});
					return 'sent';
				});
			},
			sent: (submissionId) => sentFeedback(database.pool, submissionId),
		},
		async auditLog(officeIds, limit) {
			if (officeIds.length === 0) return [];
			const { rows } = await query<AuditEntry>(
				`SELECT at, person_id AS "personId", office_id AS "officeId", action, reference, detail FROM office_audit
				 WHERE office_id = ANY($1) ORDER BY at DESC LIMIT $2`,
				[officeIds, limit],
			);
			return rows;
		},
	};
}
