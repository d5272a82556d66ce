package io.oasis.notification.safety;

import io.oasis.notification.delivery.DeliveryException;

/** A header value with a line break, which could inject headers into SMTP or HTTP: never sent, never retried. */
public class UnsafeHeaderException extends DeliveryException {

    public UnsafeHeaderException(String header) {
        super(Kind.PERMANENT, "The value of " + header + " contains a line break and was not sent", null, null, null);
    }
}
