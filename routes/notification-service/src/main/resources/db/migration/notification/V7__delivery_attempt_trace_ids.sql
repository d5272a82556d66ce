-- The trace and span in which each delivery attempt ran, so an order's timeline links it to its trace.
-- Null for attempts made without tracing.
ALTER TABLE delivery_attempt ADD COLUMN trace_id VARCHAR(32);
ALTER TABLE delivery_attempt ADD COLUMN span_id VARCHAR(16);
