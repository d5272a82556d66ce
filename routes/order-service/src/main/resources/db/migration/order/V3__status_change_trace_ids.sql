-- The trace and span in which each status change was made, so the order's timeline links it to its
-- trace. Null for changes made without tracing.
ALTER TABLE order_status_change ADD COLUMN trace_id VARCHAR(32);
ALTER TABLE order_status_change ADD COLUMN span_id VARCHAR(16);
