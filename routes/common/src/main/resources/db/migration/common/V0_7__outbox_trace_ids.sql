-- The trace and span in which an event was written, so an order's timeline links each event to its
-- trace. Null when the writer ran without tracing.
ALTER TABLE outbox_event ADD COLUMN trace_id VARCHAR(32);
ALTER TABLE outbox_event ADD COLUMN span_id VARCHAR(16);
