-- Signatures of signed requests (providers' webhooks, carriers' notices) that were accepted, so a copy
-- of one is refused while its timestamp is still within the tolerance, on every node sharing this
-- database. A row is inserted in the transaction of its request's effect; once expires_at has passed
-- the timestamp check refuses the request anyway, and the cleanup deletes the row in batches.
CREATE TABLE used_signature (
    signature   VARCHAR(64)   NOT NULL PRIMARY KEY,
    sender      VARCHAR(100)  NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX used_signature_expires ON used_signature (expires_at);
