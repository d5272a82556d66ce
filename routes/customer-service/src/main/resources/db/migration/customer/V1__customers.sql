-- Customers, their channel preferences and their service history.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (the launcher's embedded default).

CREATE TABLE customer (
    id                UUID PRIMARY KEY,
    subject           VARCHAR(64),              -- the Keycloak subject of a self-registered customer
    email             VARCHAR(254),
    email_key         VARCHAR(254),             -- lower-cased email: one customer per address
    given_name        VARCHAR(100),
    family_name       VARCHAR(100),
    phone             VARCHAR(16),              -- E.164
    country           VARCHAR(2),                -- ISO 3166-1 alpha-2
    status            VARCHAR(16)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at         TIMESTAMP WITH TIME ZONE,
    version           BIGINT       NOT NULL,
    CONSTRAINT uq_customer_email_key UNIQUE (email_key),
    CONSTRAINT uq_customer_subject UNIQUE (subject)
);

CREATE INDEX ix_customer_status_created ON customer (status, created_at);

CREATE TABLE customer_preferences (
    customer_id           UUID PRIMARY KEY REFERENCES customer (id),
    email_opt_in          BOOLEAN      NOT NULL,
    sms_opt_in            BOOLEAN      NOT NULL,
    push_opt_in           BOOLEAN      NOT NULL,
    webhook_opt_in        BOOLEAN      NOT NULL,
    locale                VARCHAR(35)  NOT NULL,
    time_zone             VARCHAR(64)  NOT NULL,
    quiet_hours_start     TIME,
    quiet_hours_end       TIME,
    marketing_consent     BOOLEAN      NOT NULL,
    marketing_consent_at  TIMESTAMP WITH TIME ZONE,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT       NOT NULL
);

CREATE TABLE customer_history (
    id               UUID PRIMARY KEY,
    customer_id      UUID          NOT NULL REFERENCES customer (id),
    entry_type       VARCHAR(16)   NOT NULL,
    channel          VARCHAR(16),
    summary          VARCHAR(2000) NOT NULL,
    agent            VARCHAR(100),
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    source_event_id  VARCHAR(64),            -- set when the entry came from an event: one entry per event
    CONSTRAINT uq_customer_history_event UNIQUE (source_event_id)
);

CREATE INDEX ix_customer_history_customer ON customer_history (customer_id, occurred_at);

-- Who erased or deactivated what, and when: kept even when personal fields are gone.
CREATE TABLE customer_audit (
    id           UUID PRIMARY KEY,
    customer_id  UUID         NOT NULL REFERENCES customer (id),
    action       VARCHAR(32)  NOT NULL,
    actor        VARCHAR(100) NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    detail       VARCHAR(500)
);
