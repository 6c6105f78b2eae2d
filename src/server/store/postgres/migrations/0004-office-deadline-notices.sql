-- The reminders and escalations queued for a concern's deadlines, each once: the SQLite store's
-- migration 0010 (../../migrations/0010-office-deadline-notices.sql), in PostgreSQL.
CREATE TABLE office_deadline_notices (
	submission_id TEXT NOT NULL REFERENCES submissions(id),
	deadline TEXT NOT NULL CHECK (deadline IN ('receipt', 'assessment')),
	notice TEXT NOT NULL CHECK (notice IN ('reminder', 'escalation')),
	due_at BIGINT NOT NULL,
	queued_at BIGINT NOT NULL,
	PRIMARY KEY (submission_id, deadline, notice)
);
-- The check reads the concerns not yet closed, every minute.
CREATE INDEX office_cases_open ON office_cases (status, received_at);
