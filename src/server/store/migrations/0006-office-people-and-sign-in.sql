-- The office workspace's people and their sign-in. Written in SQL that SQLite and PostgreSQL
-- both run: TEXT and BIGINT columns (ms since the epoch), no STRICT, no BLOB.
-- A person: `operator` manages offices and admins; membership gives a role in one office.
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
-- Passkeys: the credential's public key (base64url), never a secret.
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
-- Sessions by the SHA-256 of their id: the cookie's value is not in the store.
-- `level`: 'enrol' (signed in by an e-mail link, may only add a passkey) or 'passkey'.
CREATE TABLE office_sessions (
	id_hash TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	level TEXT NOT NULL CHECK (level IN ('enrol', 'passkey')),
	created_at BIGINT NOT NULL,
	last_seen_at BIGINT NOT NULL
);
CREATE INDEX office_sessions_person ON office_sessions (person_id);
-- Single-use sign-in links (enrolment, recovery), by the SHA-256 of their token.
CREATE TABLE office_sign_in_links (
	token_hash TEXT PRIMARY KEY,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at BIGINT
);
-- Passkey challenges already answered: each is accepted once (they are signed, not stored, until used).
CREATE TABLE office_used_challenges (
	challenge_hash TEXT PRIMARY KEY,
	expires_at BIGINT NOT NULL
);
