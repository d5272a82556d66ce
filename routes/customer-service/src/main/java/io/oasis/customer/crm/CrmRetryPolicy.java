package io.oasis.customer.crm;

import io.oasis.common.http.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Which failed CRM calls the connector's {@code crm-retry} route configuration retries, and after how
 * long (the backoff itself is configured there):
 * <ul>
 * <li>timeouts and connection errors, and 5xx: retried with exponential backoff;</li>
 * <li>429: retried after the CRM's {@code Retry-After} (delay-seconds or an HTTP date), or with the
 * backoff when it gives none; a wait longer than {@code oasis.crm.max-retry-after} is not retried, so
 * one contact cannot hold up every other change for long;</li>
 * <li>any other 4xx: the CRM refuses the request itself, and sending it again would not help.</li>
 * </ul>
 * A 2xx is a success whatever its body (the connector does not read it): the CRM stored the contact,
 * and an unreadable answer is no reason to store it again or to report the change as lost.
 */
@Component(CrmRetryPolicy.BEAN_NAME)
public class CrmRetryPolicy {

    public static final String BEAN_NAME = "crmRetryPolicy";

    private final CrmProperties properties;
    private final Clock clock;

    public CrmRetryPolicy(CrmProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The {@code onWhen} of the retry: may this failure pass if the call is made again? */
    public boolean isRetryable(Exchange exchange) {
        Exception failure = failure(exchange);
        if (failure instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            if (status == 429) {
                Duration wait = retryAfter(http);
                return wait == null || wait.compareTo(properties.maxRetryAfter()) <= 0;
            }
            return status >= 500;
        }
        return failure instanceof IOException;
    }

    /**
     * The {@code onExceptionOccurred} of the retry: for a 429 that says how long to wait, sets the
     * header Camel's redelivery reads in place of the backoff delay, for this retry only.
     */
    public void applyRetryAfter(Exchange exchange) {
        exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        if (failure(exchange) instanceof HttpOperationFailedException http && http.getStatusCode() == 429) {
            Duration wait = retryAfter(http);
            if (wait != null && wait.compareTo(properties.maxRetryAfter()) <= 0) {
                exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, wait.toMillis());
            }
        }
    }

    private Duration retryAfter(HttpOperationFailedException http) {
        Map<String, String> headers = http.getResponseHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                .findFirst()
                .map(header -> RetryAfter.parse(header.getValue(), clock.instant()))
                .orElse(null);
    }

    private static Exception failure(Exchange exchange) {
        Exception failure = exchange.getException();
        return failure != null ? failure : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }
}
