-- The PostgreSQL store's schema: the same tables as the SQLite store's migrations 0001–0007 (see
-- ../../migrations/), in PostgreSQL's types. Times are BIGINT milliseconds since the epoch; bodies
-- are encrypted before they get here (BYTEA), so the database never sees plaintext.
CREATE TABLE submissions (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	reference TEXT NOT NULL UNIQUE,
	office_id TEXT NOT NULL,
	locale TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	body BYTEA,
	purged_at BIGINT
);
CREATE TABLE outbox (
	id BIGSERIAL PRIMARY KEY,
	submission_id TEXT NOT NULL REFERENCES submissions(id),
	kind TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at BIGINT NOT NULL,
	lease_until BIGINT,
	last_error TEXT,
	provider_id TEXT,
	created_at BIGINT NOT NULL,
	sent_at BIGINT,
	priority INTEGER NOT NULL DEFAULT 0,
	lane TEXT NOT NULL DEFAULT '',
	turn BIGINT NOT NULL DEFAULT 0,
	UNIQUE (submission_id, kind)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_lane ON outbox (lane, status, turn);
-- The ready queue (next_attempt_at = 0): see outbox.ts of the SQLite store.
CREATE INDEX outbox_ready ON outbox (priority DESC, turn, id) WHERE status = 'pending' AND next_attempt_at = 0;
-- Leases that may run out: a killed instance's messages, found without reading the others.
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE status = 'sending';
CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
CREATE TABLE mail_budget (
	recipient TEXT NOT NULL,
	day BIGINT NOT NULL,
	queued INTEGER NOT NULL,
	PRIMARY KEY (recipient, day)
);
CREATE TABLE bookings (
	id TEXT PRIMARY KEY REFERENCES submissions(id),
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	start_utc BIGINT NOT NULL,
	end_utc BIGINT NOT NULL,
	mode TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
	personal_data_findings TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	cancelled_at BIGINT,
	email_key TEXT,
	client_key TEXT
);
CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (office_id, specialist_id, start_utc) WHERE status = 'booked';
CREATE INDEX bookings_email ON bookings (email_key, status, end_utc);
CREATE INDEX bookings_client ON bookings (client_key, status, end_utc);
CREATE TABLE used_tokens (
	hash TEXT PRIMARY KEY,
	submission_id TEXT NOT NULL,
	expires_at BIGINT NOT NULL
);
-- Rate limits shared by every instance: one row per counted request, by a keyed hash of the
-- client, kept for the limit's window only.
CREATE TABLE rate_hits (
	limiter TEXT NOT NULL,
	key TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX rate_hits_key ON rate_hits (limiter, key, at);
CREATE INDEX rate_hits_at ON rate_hits (limiter, at);

CREATE TABLE office_people (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	locale TEXT NOT NULL,
	operator INTEGER NOT NULL DEFAULT 0 CHECK (operator IN (0, 1)),
	created_at BIGINT NOT NULL
);
CREATE TABLE office_memberships (
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	office_id TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('case-worker', 'office-admin')),
	PRIMARY KEY (person_id, office_id)
);
CREATE INDEX office_memberships_office ON office_memberships (office_id);
CREATE TABLE office_passkeys (
	id TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	public_key TEXT NOT NULL,
	counter BIGINT NOT NULL,
	transports TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	last_used_at BIGINT
);
CREATE INDEX office_passkeys_person ON office_passkeys (person_id);
CREATE TABLE office_sessions (
	id_hash TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	level TEXT NOT NULL CHECK (level IN ('enrol', 'passkey')),
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL
);
CREATE INDEX office_sessions_person ON office_sessions (person_id);
CREATE TABLE office_sign_in_links (
	token_hash TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);
CREATE TABLE office_used_challenges (
	challenge_hash TEXT PRIMARY KEY,
	expires_at BIGINT NOT NULL
);
CREATE TABLE office_cases (
	submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
	office_id TEXT NOT NULL,
	urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
	status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'in-assessment', 'closed')),
	received_at BIGINT NOT NULL,
	acknowledged_at BIGINT,
	status_changed_at BIGINT NOT NULL,
	exported_at BIGINT
);
CREATE INDEX office_cases_inbox ON office_cases (office_id, urgent, received_at);
CREATE TABLE office_audit (
	id TEXT PRIMARY KEY,
	at BIGINT NOT NULL,
	person_id TEXT NOT NULL,
	office_id TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('view', 'acknowledge', 'status', 'export')),
	reference TEXT,
	detail TEXT
);
CREATE INDEX office_audit_office ON office_audit (office_id, at);
-- Append-only: no update, no delete, whoever asks.
CREATE FUNCTION office_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'office_audit is append-only';
END $$;
CREATE TRIGGER office_audit_no_change BEFORE UPDATE OR DELETE ON office_audit
	FOR EACH ROW EXECUTE FUNCTION office_audit_append_only();
CREATE TRIGGER office_audit_no_truncate BEFORE TRUNCATE ON office_audit
	FOR EACH STATEMENT EXECUTE FUNCTION office_audit_append_only();
