-- Feedback to the notifier (the answer the case worker chooses from the country's fixed templates):
-- one per concern, the chosen template encrypted like the submission bodies (AES-GCM, see
-- data-crypto.ts) and deleted with the concern's body. SQL that PostgreSQL runs too, except the
-- rebuilt audit table's two triggers (as in 0007).
CREATE TABLE office_feedback (
	submission_id TEXT PRIMARY KEY REFERENCES office_cases(submission_id),
	sent_at BIGINT NOT NULL,
	person_id TEXT NOT NULL,
	-- NULL once retention deleted the concern's body.
	body BLOB
);
-- The audit log learns the action 'feedback'. SQLite cannot change a CHECK constraint, so the
-- table is rebuilt with its rows (PostgreSQL: drop and add the constraint instead). Dropping a
-- table drops its triggers first, so the append-only triggers do not stop the move.
CREATE TABLE office_audit_next (
	id TEXT PRIMARY KEY,
	at BIGINT NOT NULL,
	person_id TEXT NOT NULL,
	office_id TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('view', 'acknowledge', 'status', 'export', 'feedback')),
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
