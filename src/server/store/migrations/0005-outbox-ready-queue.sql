-- Claiming the next message must not grow with the backlog. Messages whose time has come are
-- moved once into the ready queue (next_attempt_at = 0) and taken from it in order through
-- this index; those waiting for a retry stay ordered by time in outbox_due until they are due.
CREATE INDEX outbox_ready ON outbox (priority DESC, turn, id) WHERE status = 'pending' AND next_attempt_at = 0;
