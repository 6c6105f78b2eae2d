-- Consultations in the office workspace (the SQLite store's 0011): which office person is which
-- specialist of an office, the weekly availability a specialist set there (replacing content's)
-- and their absences (added to content's). The audit log's list of actions becomes the code's
-- (`AuditAction`), as in SQLite, so a feature that audits something new needs no migration for it.
CREATE TABLE office_specialists (
	person_id TEXT NOT NULL REFERENCES office_people(id),
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	PRIMARY KEY (person_id, office_id)
);
CREATE TABLE specialist_weeks (
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	intervals TEXT NOT NULL,
	changed_at BIGINT NOT NULL,
	PRIMARY KEY (office_id, specialist_id)
);
CREATE TABLE specialist_absences (
	id TEXT PRIMARY KEY,
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	from_day TEXT NOT NULL,
	to_day TEXT NOT NULL CHECK (from_day <= to_day),
	created_at BIGINT NOT NULL
);
CREATE INDEX specialist_absences_office ON specialist_absences (office_id, to_day);
ALTER TABLE office_audit DROP CONSTRAINT IF EXISTS office_audit_action_check;
