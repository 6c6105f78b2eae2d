-- The office's handling of each concern: urgency and status, never content (the body stays
-- encrypted in `submissions`). SQL that SQLite and PostgreSQL both run, except the two
-- triggers at the end (SQLite syntax; PostgreSQL needs a trigger function of its own).
CREATE TABLE office_cases (
	submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
	office_id TEXT NOT NULL,
	urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
	status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'in-assessment', 'closed')),
	received_at BIGINT NOT NULL,
	acknowledged_at BIGINT,
	status_changed_at BIGINT NOT NULL,
	-- The first export to the office's own case system: from then on retention counts, as after closing.
	exported_at BIGINT
);
CREATE INDEX office_cases_inbox ON office_cases (office_id, urgent, received_at);
-- Concerns accepted before the workspace existed: their urgency is their outbox priority.
INSERT INTO office_cases (submission_id, office_id, urgent, status, received_at, status_changed_at)
	SELECT s.id, s.office_id, COALESCE((SELECT MAX(o.priority) FROM outbox o WHERE o.submission_id = s.id), 0), 'new', s.created_at, s.created_at
	FROM submissions s WHERE s.kind = 'concern';
-- Append-only: who did what, when, to which reference – never content.
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
CREATE TRIGGER office_audit_no_update BEFORE UPDATE ON office_audit BEGIN SELECT RAISE(ABORT, 'office_audit is append-only'); END;
CREATE TRIGGER office_audit_no_delete BEFORE DELETE ON office_audit BEGIN SELECT RAISE(ABORT, 'office_audit is append-only'); END;
