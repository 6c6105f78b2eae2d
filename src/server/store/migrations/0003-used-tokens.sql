-- Single-use tokens (solved proofs of work, answered questions), used up with a submission.
CREATE TABLE used_tokens (
	hash TEXT PRIMARY KEY,
	submission_id TEXT NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;
