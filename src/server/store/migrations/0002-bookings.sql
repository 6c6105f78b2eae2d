-- Consultation bookings: one booking per specialist and start while it is booked.
CREATE TABLE bookings (
	id TEXT PRIMARY KEY REFERENCES submissions(id),
	office_id TEXT NOT NULL,
	specialist_id TEXT NOT NULL,
	start_utc INTEGER NOT NULL,
	end_utc INTEGER NOT NULL,
	mode TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
	personal_data_findings TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	cancelled_at INTEGER
) STRICT;
CREATE UNIQUE INDEX bookings_one_per_slot ON bookings (office_id, specialist_id, start_utc) WHERE status = 'booked';
