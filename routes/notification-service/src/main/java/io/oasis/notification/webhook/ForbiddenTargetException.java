package io.oasis.notification.webhook;

import java.net.UnknownHostException;

/**
 * A webhook target this service may not reach: a local, private or otherwise special address, or a URL
 * whose form is not accepted. It is an {@link UnknownHostException} because the guard also runs as
 * HttpClient's DNS resolver, which may throw only that: to the webhook sender such a host does not exist.
 */
public class ForbiddenTargetException extends UnknownHostException {

    public ForbiddenTargetException(String reason) {
        super(reason);
    }
}
