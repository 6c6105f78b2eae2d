-- Submissions (encrypted bodies) and the outbox of e-mails to send for them.
CREATE TABLE submissions (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	reference TEXT NOT NULL UNIQUE,
	office_id TEXT NOT NULL,
	locale TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	body BLOB,
	purged_at INTEGER
) STRICT;
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	submission_id TEXT NOT NULL REFERENCES submissions(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	lease_until INTEGER,
	last_error TEXT,
	provider_id TEXT,
	created_at INTEGER NOT NULL,
	sent_at INTEGER,
	UNIQUE (submission_id, kind)
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
