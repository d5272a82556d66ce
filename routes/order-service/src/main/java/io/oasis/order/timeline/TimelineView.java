package io.oasis.order.timeline;

import java.util.List;
import java.util.UUID;

/**
 * An order's timeline: every entry in time order. {@code unavailable} names the parts that could not be
 * read this time (the notification service did not answer), so a short list is never mistaken for a
 * quiet order.
 */
public record TimelineView(UUID orderId, List<TimelineEntry> entries, List<String> unavailable) {

    /** The part that comes from the notification service. */
    public static final String NOTIFICATIONS = "notifications";
}
