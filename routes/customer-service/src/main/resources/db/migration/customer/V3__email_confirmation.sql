-- An email address a customer asked for, waiting for the code sent to it: the profile keeps its
-- confirmed address (email) until the code comes back. Only a hash of the code is kept.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (the launcher's embedded default).

ALTER TABLE customer ADD COLUMN pending_email VARCHAR(254);
ALTER TABLE customer ADD COLUMN pending_email_code_hash VARCHAR(100);
ALTER TABLE customer ADD COLUMN pending_email_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE customer ADD COLUMN pending_email_failed_attempts INTEGER DEFAULT 0 NOT NULL;
