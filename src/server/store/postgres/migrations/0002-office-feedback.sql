-- Feedback to the notifier (as the SQLite store's 0008): one per concern, the chosen template
-- encrypted, deleted with the concern's body; the audit log learns the action 'feedback'.
CREATE TABLE office_feedback (
	submission_id TEXT PRIMARY KEY REFERENCES office_cases(submission_id),
	sent_at BIGINT NOT NULL,
	person_id TEXT NOT NULL,
	-- NULL once retention deleted the concern's body.
	body BYTEA
);
ALTER TABLE office_audit DROP CONSTRAINT office_audit_action_check;
ALTER TABLE office_audit ADD CONSTRAINT office_audit_action_check
	CHECK (action IN ('view', 'acknowledge', 'status', 'export', 'feedback'));
