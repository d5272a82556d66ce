package io.oasis.notification.delivery;

import java.util.Locale;

/** The ways a notification reaches someone. Each has one sending route, {@link #endpoint()}. */
public enum Channel {
    EMAIL, SMS, PUSH, WEBHOOK;

    /** The Camel endpoint of the route that sends on this channel, e.g. {@code direct:notification-send-email}. */
    public String endpoint() {
        return "direct:" + routeId();
    }

    /** The id of the route that sends on this channel, e.g. {@code notification-send-email}. */
    public String routeId() {
        return "notification-send-" + key();
    }

    /** The lower-case name used in config keys, template file names and the API. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
