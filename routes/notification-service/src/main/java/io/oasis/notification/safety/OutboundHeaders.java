package io.oasis.notification.safety;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What runs before every sender. A producer reads the message's headers as instructions (camel-mail takes
 * {@code To}, {@code Subject} or {@code mail.smtp.*} from them; camel-http sends them on), so every header an
 * exchange carries in is dropped first, and the route sets only the ones it means. A value with CR or LF
 * could start a new header line in SMTP or HTTP, so none is accepted.
 */
public final class OutboundHeaders {

    private OutboundHeaders() {
    }

    /** Drops every header, so that only what the route sets after this reaches the producer. */
    public static void clear(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
    }

    /** Sets each header after checking it holds no line break. */
    public static void set(Exchange exchange, Map<String, ?> headers) {
        Message message = exchange.getMessage();
        headers.forEach((name, value) -> message.setHeader(name, requireSingleLine(name, value)));
    }

    /**
     * @return the value, unchanged
     * @throws UnsafeHeaderException if its text contains CR or LF
     */
    public static <T> T requireSingleLine(String name, T value) {
        if (value != null) {
            String text = value.toString();
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new UnsafeHeaderException(name);
            }
        }
        return value;
    }
}
