-- Dead letters get a public id for the admin API (UUIDs in URLs, as everywhere), and a record of their
-- replay: a letter is sent again once (asking again answers what was done), and who did it stays on it.
ALTER TABLE dead_letter_event ADD COLUMN letter_id UUID DEFAULT gen_random_uuid() NOT NULL;
ALTER TABLE dead_letter_event ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dead_letter_event ADD COLUMN replayed_by VARCHAR(255);

CREATE UNIQUE INDEX dead_letter_event_letter ON dead_letter_event (letter_id);
-- The metrics count, per consumer, the letters nobody has replayed yet.
CREATE INDEX dead_letter_event_open ON dead_letter_event (consumer, replayed_at);
