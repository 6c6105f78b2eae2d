/** Single-use tokens (a solved proof of work, an answered question), used up with a submission. */
import type { NewSubmission } from '../store.ts';
import type { Database } from './database.ts';

export function usedTokensTable({ db }: Database) {
	const q = {
		use: db.prepare(
			'INSERT INTO used_tokens (hash, submission_id, expires_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING',
		),
		forget: db.prepare('DELETE FROM used_tokens WHERE expires_at < ?'),
	};
	return {
		/** Uses up a submission's token; false when another submission used it. The caller holds the transaction. */
		use(s: NewSubmission): boolean {
			return !s.token || Number(q.use.run(s.token.hash, s.id, s.token.expiresAt).changes) === 1;
		},
		/** Expired tokens can no longer be replayed: forget them. */
		forgetExpired(now: number): void {
			q.forget.run(now);
		},
	};
}
