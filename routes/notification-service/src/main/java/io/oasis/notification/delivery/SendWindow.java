package io.oasis.notification.delivery;

import java.time.Instant;
import java.util.Optional;

/** When a notification may go out: the customer's quiet hours hold back SMS and push. */
public interface SendWindow {

    /** The end of the quiet period {@code now} falls in, or empty if it may be sent now. */
    Optional<Instant> quietUntil(Notification notification, Instant now);
}
