-- One representation of a trace, as on the notification (V8): the W3C traceparent of the span each delivery
-- attempt ran in, instead of its trace and span id apart (V7). Null for attempts made without tracing.
ALTER TABLE delivery_attempt ADD COLUMN traceparent VARCHAR(64);
UPDATE delivery_attempt SET traceparent = '00-' || trace_id || '-' || span_id || '-01'
    WHERE trace_id IS NOT NULL AND span_id IS NOT NULL;
ALTER TABLE delivery_attempt DROP COLUMN trace_id;
ALTER TABLE delivery_attempt DROP COLUMN span_id;
