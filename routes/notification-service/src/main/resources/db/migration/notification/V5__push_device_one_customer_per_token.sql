-- A device token reaches one app on one device, which one customer uses at a time: the token belongs to
-- the customer who registered it last, so earlier registrations of the same token by others go.
DELETE FROM push_device
 WHERE EXISTS (SELECT 1 FROM push_device newer
                WHERE newer.token = push_device.token
                  AND (newer.created_at > push_device.created_at
                       OR (newer.created_at = push_device.created_at AND newer.id > push_device.id)));

CREATE UNIQUE INDEX push_device_token ON push_device (token);
