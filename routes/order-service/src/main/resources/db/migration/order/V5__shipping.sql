-- Where an order goes (copied from the customer's profile or given with the order, so a later change of the
-- profile does not move a placed order) and the carrier's tracking number and link once the parcel is booked.
-- Erasure clears the address. Portable SQL: PostgreSQL in production, H2 (PostgreSQL mode) in the launcher.
ALTER TABLE customer_order ADD COLUMN shipping_name VARCHAR(200);
ALTER TABLE customer_order ADD COLUMN shipping_line1 VARCHAR(200);
ALTER TABLE customer_order ADD COLUMN shipping_line2 VARCHAR(200);
ALTER TABLE customer_order ADD COLUMN shipping_postal_code VARCHAR(16);
ALTER TABLE customer_order ADD COLUMN shipping_city VARCHAR(100);
ALTER TABLE customer_order ADD COLUMN shipping_region VARCHAR(100);
ALTER TABLE customer_order ADD COLUMN shipping_country VARCHAR(2);
ALTER TABLE customer_order ADD COLUMN tracking_number VARCHAR(100);
ALTER TABLE customer_order ADD COLUMN tracking_url VARCHAR(2000);
