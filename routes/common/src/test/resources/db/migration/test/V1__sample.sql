CREATE TABLE sample (
    id      UUID PRIMARY KEY,
    name    VARCHAR(100) NOT NULL,
    version INTEGER      NOT NULL
);
