-- The notification service's own tables: its projection of customers' contact details, the delivery log
-- (notifications and their attempts), push devices and webhook subscriptions.

-- Contact details and channel preferences, kept from the customer events (never read synchronously).
CREATE TABLE customer_contact (
    customer_id        UUID PRIMARY KEY,
    -- The Keycloak subject of the customer who registered themselves: their own notifications are theirs to read.
    subject            VARCHAR(255),
    email              VARCHAR(320),
    phone              VARCHAR(32),
    given_name         VARCHAR(200),
    family_name        VARCHAR(200),
    locale             VARCHAR(35)  NOT NULL,
    time_zone          VARCHAR(64)  NOT NULL,
    email_opt_in       BOOLEAN      NOT NULL,
    sms_opt_in         BOOLEAN      NOT NULL,
    push_opt_in        BOOLEAN      NOT NULL,
    webhook_opt_in     BOOLEAN      NOT NULL,
    quiet_hours_start  TIME,
    quiet_hours_end    TIME,
    -- Set by a hard bounce / a permanent SMS failure; cleared when the address changes.
    email_invalid      BOOLEAN      NOT NULL DEFAULT FALSE,
    phone_invalid      BOOLEAN      NOT NULL DEFAULT FALSE,
    active             BOOLEAN      NOT NULL DEFAULT TRUE,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX customer_contact_subject ON customer_contact (subject);

-- One row per message to one recipient on one channel: the delivery log.
CREATE TABLE notification (
    id                   UUID PRIMARY KEY,
    customer_id          UUID,
    -- The event it answers (null for a direct send), and the dedupe key: one per event, channel and target.
    event_id             VARCHAR(200),
    event_type           VARCHAR(100) NOT NULL,
    channel              VARCHAR(16)  NOT NULL,
    target_key           VARCHAR(300) NOT NULL,
    recipient            VARCHAR(4096) NOT NULL,
    subscription_id      UUID,
    device_id            UUID,
    template             VARCHAR(200),
    locale               VARCHAR(35),
    subject              TEXT,
    body_text            TEXT,
    body_html            TEXT,
    payload              TEXT,
    status               VARCHAR(16)  NOT NULL,
    status_reason        TEXT,
    attempt_count        INTEGER      NOT NULL DEFAULT 0,
    -- The attempts made before the last admin retry: the retry schedule starts again after them.
    retry_offset         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ,
    -- A node sending it holds it until then; a node that died lets go when the time passes.
    claimed_until        TIMESTAMPTZ,
    provider_message_id  VARCHAR(200),
    last_error           TEXT,
    requested_by         VARCHAR(255),
    correlation_id       VARCHAR(100),
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    sent_at              TIMESTAMPTZ,
    delivered_at         TIMESTAMPTZ,
    version              BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX notification_once_per_event ON notification (event_id, channel, target_key)
    WHERE event_id IS NOT NULL;
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_customer ON notification (customer_id, created_at DESC);
CREATE INDEX notification_provider_id ON notification (channel, provider_message_id);
CREATE INDEX notification_subscription ON notification (subscription_id, created_at);

CREATE TABLE delivery_attempt (
    id                   BIGSERIAL PRIMARY KEY,
    notification_id      UUID         NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    number               INTEGER      NOT NULL,
    started_at           TIMESTAMPTZ  NOT NULL,
    finished_at          TIMESTAMPTZ  NOT NULL,
    -- SENT, FAILED (will be retried or not: see the notification), or a provider callback: DELIVERED, UNDELIVERED...
    outcome              VARCHAR(32)  NOT NULL,
    provider_status      INTEGER,
    provider_message_id  VARCHAR(200),
    error                TEXT
);
CREATE INDEX delivery_attempt_notification ON delivery_attempt (notification_id, number);

-- Device tokens a customer registered for push.
CREATE TABLE push_device (
    id           UUID PRIMARY KEY,
    customer_id  UUID          NOT NULL,
    token        VARCHAR(4096) NOT NULL,
    platform     VARCHAR(16)   NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    UNIQUE (customer_id, token)
);

-- Endpoints that receive the events as signed webhooks (Standard Webhooks).
CREATE TABLE webhook_subscription (
    id               UUID PRIMARY KEY,
    url              VARCHAR(2048) NOT NULL,
    -- Comma-separated event types, or * for all.
    event_types      TEXT          NOT NULL,
    -- whsec_ + base64: shown once at creation, kept to sign each delivery.
    secret           VARCHAR(200)  NOT NULL,
    description      VARCHAR(500),
    owner_subject    VARCHAR(255)  NOT NULL,
    owner_client     VARCHAR(255),
    status           VARCHAR(16)   NOT NULL,
    disabled_reason  TEXT,
    -- The first failure of the current run of failures; reset by a success.
    failing_since    TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL
);
