-- Consultations in the office workspace: which office person is which specialist of an office,
-- the weekly availability a specialist set there (replacing content's) and their absences
-- (added to content's). Content keeps the initial data; these tables hold the changes. SQL that
-- SQLite and PostgreSQL both run, except the two triggers at the end (as in 0007).
CREATE TABLE office_specialists (
	person_id TEXT NOT NULL REFERENCES office_people(id),
	office_id TEXT NOT NULL,
	-- The specialist's id in content/offices/<office_id>.yaml.
	specialist_id TEXT NOT NULL,
	PRIMARY KEY (person_id, office_id)
);
CREATE TABLE specialist_weeks (
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	-- JSON: [{ "days": ["mon"], "from": "09:00", "to": "12:00" }, …] as in content; [] = no hours.
	intervals TEXT NOT NULL,
	changed_at BIGINT NOT NULL,
	PRIMARY KEY (office_id, specialist_id)
);
CREATE TABLE specialist_absences (
	id TEXT PRIMARY KEY,
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	-- Inclusive days "YYYY-MM-DD" in the office's time zone.
	from_day TEXT NOT NULL,
	to_day TEXT NOT NULL CHECK (from_day <= to_day),
	created_at BIGINT NOT NULL
);
CREATE INDEX specialist_absences_office ON specialist_absences (office_id, to_day);
-- The specialists' actions join the audit log, and so will other changes' (feedback, deadlines):
-- the list of actions is the code's (`AuditAction`), no longer a check here that each change would
-- have to rebuild the table for. SQLite cannot drop a check, so the table is copied (PostgreSQL:
-- ALTER TABLE office_audit DROP CONSTRAINT office_audit_action_check).
CREATE TABLE office_audit_next (
	id TEXT PRIMARY KEY,
	at BIGINT NOT NULL,
	person_id TEXT NOT NULL,
	office_id TEXT NOT NULL,
	action TEXT NOT NULL,
	reference TEXT,
	detail TEXT
);
INSERT INTO office_audit_next (id, at, person_id, office_id, action, reference, detail)
	SELECT id, at, person_id, office_id, action, reference, detail FROM office_audit;
DROP TABLE office_audit;
ALTER TABLE office_audit_next RENAME TO office_audit;
CREATE INDEX office_audit_office ON office_audit (office_id, at);
CREATE TRIGGER office_audit_no_update BEFORE UPDATE ON office_audit BEGIN SELECT RAISE(ABORT, 'office_audit is append-only'); END;
CREATE TRIGGER office_audit_no_delete BEFORE DELETE ON office_audit BEGIN SELECT RAISE(ABORT, 'office_audit is append-only'); END;
