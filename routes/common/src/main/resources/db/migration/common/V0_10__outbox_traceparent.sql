-- The W3C traceparent of the transaction that wrote the event: the relay publishes the row as part of that
-- trace (and puts it in the CloudEvent's distributed-tracing extension), however much later it runs.
ALTER TABLE outbox_event ADD COLUMN traceparent VARCHAR(64);
