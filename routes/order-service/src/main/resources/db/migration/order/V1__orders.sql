-- Orders, their items and status history. Portable SQL: PostgreSQL in production, H2 (PostgreSQL
-- mode) in the launcher.
CREATE TABLE customer_order (
    id              UUID PRIMARY KEY,
    customer_id     UUID          NOT NULL,
    placed_by       VARCHAR(255)  NOT NULL,
    status          VARCHAR(32)   NOT NULL,
    currency        CHAR(3)       NOT NULL,
    total           NUMERIC(19, 2) NOT NULL,
    payment_id      VARCHAR(200),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT        NOT NULL
);
CREATE INDEX customer_order_customer_idx ON customer_order (customer_id, created_at);
CREATE INDEX customer_order_placed_by_idx ON customer_order (placed_by, created_at);
CREATE INDEX customer_order_status_idx ON customer_order (status, created_at);

CREATE TABLE order_item (
    order_id    UUID          NOT NULL REFERENCES customer_order (id),
    position    INTEGER       NOT NULL,
    sku         VARCHAR(64)   NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    quantity    INTEGER       NOT NULL,
    unit_price  NUMERIC(19, 2) NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE order_status_change (
    order_id     UUID          NOT NULL REFERENCES customer_order (id),
    position     INTEGER       NOT NULL,
    from_status  VARCHAR(32),
    to_status    VARCHAR(32)   NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       VARCHAR(500),
    actor        VARCHAR(255)  NOT NULL,
    PRIMARY KEY (order_id, position)
);
