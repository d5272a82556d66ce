-- Customer changes the CRM connector could not deliver after its retries: an admin lists and replays them.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (the launcher's embedded default).

CREATE TABLE crm_sync_failure (
    id            UUID PRIMARY KEY,
    customer_id   UUID          NOT NULL,
    event_id      VARCHAR(64)   NOT NULL,   -- the customer event that triggered the sync
    event_type    VARCHAR(64)   NOT NULL,
    payload       VARCHAR(8000),            -- the contact that was sent (none for a delete)
    last_status   INTEGER,                  -- the CRM's last HTTP status; none for a timeout or connection error
    error         VARCHAR(2000) NOT NULL,
    attempts      INTEGER       NOT NULL,
    failed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    replayed_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_crm_sync_failure_failed ON crm_sync_failure (failed_at);
