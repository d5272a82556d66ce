-- Where a customer's orders go unless an order names another address: all null until the customer gives one.
-- The country is the ISO 3166-1 alpha-2 code. Erasure clears every column.
-- Portable between PostgreSQL and H2 in PostgreSQL mode (the launcher's embedded default).

ALTER TABLE customer ADD COLUMN shipping_name VARCHAR(200);
ALTER TABLE customer ADD COLUMN shipping_line1 VARCHAR(200);
ALTER TABLE customer ADD COLUMN shipping_line2 VARCHAR(200);
ALTER TABLE customer ADD COLUMN shipping_postal_code VARCHAR(16);
ALTER TABLE customer ADD COLUMN shipping_city VARCHAR(100);
ALTER TABLE customer ADD COLUMN shipping_region VARCHAR(100);
ALTER TABLE customer ADD COLUMN shipping_country VARCHAR(2);
