-- Customers erased here: their id and when, nothing else. Events about them that arrive later (an order
-- event consumed after the erasure) plan no message to them, and webhook copies without their data.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (the launcher's embedded default).
CREATE TABLE erased_customer (
    customer_id  UUID PRIMARY KEY,
    erased_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
