package io.oasis.common.correlation;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation id that ties one request's work together across HTTP calls, Kafka events and
 * log lines. It travels as the {@value #HEADER} header (HTTP and Kafka) and sits in the SLF4J MDC
 * under {@value #MDC_KEY} while work for it runs, so every log line carries it.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    public static final String TRACEPARENT = "traceparent";

    private static final int MAX_LENGTH = 64;
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}.*");

    private CorrelationId() {
    }

    /** The id of the work running on this thread, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }

    /**
     * The id to use for incoming work: the {@value #HEADER} value if it is a plain token, else the
     * trace id of a W3C {@code traceparent}, else a new random one.
     */
    public static String resolve(String header, String traceparent) {
        if (header != null) {
            String id = header.trim();
            if (isPlainToken(id)) {
                return id;
            }
        }
        if (traceparent != null) {
            var matcher = TRACEPARENT_FORMAT.matcher(traceparent.trim().toLowerCase(Locale.ROOT));
            if (matcher.matches() && !matcher.group(1).chars().allMatch(c -> c == '0')) {
                return matcher.group(1);
            }
        }
        return newId();
    }

    /**
     * Caller-supplied ids end up in logs and headers: only 1 to 64 of {@code A-Z a-z 0-9 . _ : -}.
     * A loop rather than a regular expression: every request and every exchange passes here.
     */
    static boolean isPlainToken(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. It names a request in logs and answers and guards nothing, so it comes
     * from the thread's own generator: {@link UUID#randomUUID()} draws from one shared SecureRandom,
     * which reads the kernel's random device under a lock on every call, once per request.
     */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;                 // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE; // IETF variant
        return new UUID(high, low).toString();
    }
}
