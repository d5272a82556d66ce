-- Messages that carry a one-time secret (the code that confirms an e-mail address). The delivery log's copy
-- (notification.subject, body_text, body_html) has the secret masked; the text as it is to be sent waits here
-- only until it is sent, fails for good, or expires.

ALTER TABLE notification ADD COLUMN one_time BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE notification_one_time_content (
    notification_id  UUID PRIMARY KEY REFERENCES notification (id) ON DELETE CASCADE,
    subject          TEXT,
    body_text        TEXT,
    body_html        TEXT,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
