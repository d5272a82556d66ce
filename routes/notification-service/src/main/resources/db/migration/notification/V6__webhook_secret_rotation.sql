-- A rotated subscription keeps its previous secret for an overlap period: deliveries carry a signature
-- made with each, so the receiver can switch to the new secret at any moment within it.
ALTER TABLE webhook_subscription ADD COLUMN previous_secret VARCHAR(200);
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_expires_at TIMESTAMP WITH TIME ZONE;
