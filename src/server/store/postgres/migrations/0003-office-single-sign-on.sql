-- Single sign-on through the municipality's OpenID Connect provider (as the SQLite store's 0009).
-- Which person a provider's account is: its issuer and subject (stable, unlike an e-mail address).
CREATE TABLE office_sso_identities (
	issuer TEXT NOT NULL,
	subject TEXT NOT NULL,
	person_id TEXT NOT NULL REFERENCES office_people(id) ON DELETE CASCADE,
	created_at BIGINT NOT NULL,
	last_sign_in_at BIGINT NOT NULL,
	PRIMARY KEY (issuer, subject)
);
CREATE INDEX office_sso_identities_person ON office_sso_identities (person_id);
-- Every single sign-on, admitted or refused: who, when, into which offices – never a claim's value.
-- `person_id` is empty for a refused account that is nobody here.
CREATE TABLE office_sign_ins (
	id TEXT PRIMARY KEY,
	at BIGINT NOT NULL,
	person_id TEXT,
	outcome TEXT NOT NULL CHECK (outcome IN ('signed-in', 'refused')),
	offices TEXT NOT NULL
);
CREATE INDEX office_sign_ins_at ON office_sign_ins (at);
