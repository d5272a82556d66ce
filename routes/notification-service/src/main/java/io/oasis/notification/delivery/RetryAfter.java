package io.oasis.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A provider's {@code Retry-After} header (RFC 9110: delay-seconds or an HTTP date), as a wait. */
public final class RetryAfter {

    /** No provider holds a notification back for longer than this, whatever it asks. */
    public static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** The wait from {@code now} the value asks for, at most {@link #MAX}; null if absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Duration wait;
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException | ArithmeticException tooLong) {
                wait = MAX;
            }
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
