-- One representation of the trace an event was written in: the W3C traceparent (V0_10), which carries the trace
-- and span id as well. Rows written with only the separate ids (V0_7) keep them in a traceparent first.
UPDATE outbox_event SET traceparent = '00-' || trace_id || '-' || span_id || '-01'
    WHERE traceparent IS NULL AND trace_id IS NOT NULL AND span_id IS NOT NULL;
ALTER TABLE outbox_event DROP COLUMN trace_id;
ALTER TABLE outbox_event DROP COLUMN span_id;
