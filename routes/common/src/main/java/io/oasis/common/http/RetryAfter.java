package io.oasis.common.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** A {@code Retry-After} header (RFC 9110: delay-seconds or an HTTP date) read as a wait. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait from {@code now} the value asks for; null if absent or unreadable. A date already past is no
     * wait; a delay too long to count is {@link ChronoUnit#FOREVER}'s.
     */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Duration wait;
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException tooLong) {
                return ChronoUnit.FOREVER.getDuration();
            }
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** {@link #parse(String, Instant)}, at most {@code max}. */
    public static Duration parse(String value, Instant now, Duration max) {
        Duration wait = parse(value, now);
        return wait == null || wait.compareTo(max) <= 0 ? wait : max;
    }
}
