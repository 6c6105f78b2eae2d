-- Fair, urgent-first delivery: `turn` is a message's place in a round robin over the offices.
-- A daily budget of mail to professionals' addresses against mail floods.
-- Booking limits per e-mail and per client address (keyed hashes, never the values).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN lane TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN turn INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_next ON outbox (status, priority DESC, turn, id);
CREATE INDEX outbox_lane ON outbox (lane, status, turn);
CREATE TABLE mail_budget (
	recipient TEXT NOT NULL,
	day INTEGER NOT NULL,
	queued INTEGER NOT NULL,
	PRIMARY KEY (recipient, day)
) STRICT;
ALTER TABLE bookings ADD COLUMN email_key TEXT;
ALTER TABLE bookings ADD COLUMN client_key TEXT;
CREATE INDEX bookings_email ON bookings (email_key, status, end_utc);
CREATE INDEX bookings_client ON bookings (client_key, status, end_utc);
