-- The reminders and escalations queued for a concern's deadlines: one row per concern, deadline
-- and notice, so each is queued once, across restarts and however often the check runs. Never
-- content. SQL that SQLite and PostgreSQL both run.
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
