/** Sessions (by the hash of their id), single-use sign-in links and used passkey challenges. */
import type { Database } from './database.ts';
import type { SessionLevel, SessionRow } from './office-types.ts';

export function officeSessionsTable({ db }: Database) {
	const q = {
		create: db.prepare(
			'INSERT INTO office_sessions (id_hash, person_id, level, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
		),
		get: db.prepare(
			'SELECT person_id AS personId, level, created_at AS createdAt, last_seen_at AS lastSeenAt FROM office_sessions WHERE id_hash = ?',
		),
		touch: db.prepare('UPDATE office_sessions SET last_seen_at = ? WHERE id_hash = ?'),
		end: db.prepare('DELETE FROM office_sessions WHERE id_hash = ?'),
		endAll: db.prepare('DELETE FROM office_sessions WHERE person_id = ?'),
		forgetSessions: db.prepare(
			'DELETE FROM office_sessions WHERE last_seen_at < ? OR created_at < ?',
		),
		createLink: db.prepare(
			'INSERT INTO office_sign_in_links (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
		),
		useLink: db.prepare(
			'UPDATE office_sign_in_links SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING person_id AS personId',
		),
		forgetLinks: db.prepare('DELETE FROM office_sign_in_links WHERE expires_at < ?'),
		useChallenge: db.prepare(
			'INSERT INTO office_used_challenges (challenge_hash, expires_at) VALUES (?, ?) ON CONFLICT (challenge_hash) DO NOTHING',
		),
		forgetChallenges: db.prepare('DELETE FROM office_used_challenges WHERE expires_at < ?'),
	};
	return {
		create(idHash: string, personId: string, level: SessionLevel, now: number): void {
			q.create.run(idHash, personId, level, now, now);
		},
		get(idHash: string): SessionRow | undefined {
			const row = q.get.get(idHash) as SessionRow | undefined;
			return row && { ...row };
		},
		touch(idHash: string, now: number): void {
			q.touch.run(now, idHash);
		},
		end(idHash: string): void {
			q.end.run(idHash);
		},
		endAll: (personId: string) => Number(q.endAll.run(personId).changes),
		forgetExpired(now: number, idleBefore: number, createdBefore: number): void {
			q.forgetSessions.run(idleBefore, createdBefore);
			q.forgetLinks.run(now);
			q.forgetChallenges.run(now);
		},
		/** The caller holds the transaction. */
		createLink(tokenHash: string, personId: string, now: number, expiresAt: number): void {
			q.createLink.run(tokenHash, personId, now, expiresAt);
		},
		useLink(tokenHash: string, now: number): string | undefined {
			return (q.useLink.get(now, tokenHash) as { personId: string } | undefined)?.personId;
		},
		useChallenge: (challengeHash: string, expiresAt: number) =>
			Number(q.useChallenge.run(challengeHash, expiresAt).changes) === 1,
	};
}
