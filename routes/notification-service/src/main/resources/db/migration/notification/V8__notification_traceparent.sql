-- The W3C traceparent of the event handling that planned the notification: each delivery attempt, however
-- much later the dispatcher makes it, is a span of the trace of the order (or request) it is about.
ALTER TABLE notification ADD COLUMN traceparent VARCHAR(64);
