-- Idempotency-Key of requests that create: the first response is kept and replayed for a retry
-- with the same key and body; the same key with another body is refused.
CREATE TABLE idempotency_key (
    scope            VARCHAR(200)  NOT NULL,
    idem_key         VARCHAR(200)  NOT NULL,
    request_hash     VARCHAR(64)   NOT NULL,
    response_status  INTEGER,
    response_body    TEXT,
    location         VARCHAR(1000),
    etag             VARCHAR(100),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idem_key)
);

CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
