-- Money as exact decimals with up to four minor units (JPY 0, EUR 2, KWD 3, CLF 4; each amount is checked
-- against its currency's), the amount paid, and the refunds the payment provider made, whole or partial.
ALTER TABLE customer_order ALTER COLUMN total SET DATA TYPE NUMERIC(19, 4);
ALTER TABLE order_item ALTER COLUMN unit_price SET DATA TYPE NUMERIC(19, 4);
ALTER TABLE customer_order ADD COLUMN paid_amount NUMERIC(19, 4);
-- Orders paid before this migration were paid their total (the provider's webhook named no amount).
UPDATE customer_order SET paid_amount = total
    WHERE payment_id IS NOT NULL AND status IN ('PAID', 'SHIPPED', 'DELIVERED');

CREATE TABLE order_refund (
    order_id     UUID           NOT NULL REFERENCES customer_order (id),
    position     INTEGER        NOT NULL,
    refund_id    VARCHAR(200)   NOT NULL,
    amount       NUMERIC(19, 4) NOT NULL,
    reason       VARCHAR(500),
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, position)
);
