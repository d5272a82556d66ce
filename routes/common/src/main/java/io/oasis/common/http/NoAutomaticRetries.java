package io.oasis.common.http;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * An HTTP client that sends each request once and leaves retrying to its caller. Apache HttpClient's default
 * sends a request again after a 429's or 503's {@code Retry-After}, waiting it out on the caller's thread
 * and out of sight of whoever decides about retries (a delivery schedule, a circuit breaker, the caller
 * of a proxied request). The one repeat kept: an idempotent request whose pooled connection failed (the
 * server had closed it) is sent again at once, once; sending it twice changes nothing.
 */
public final class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        configure(builder);
    }

    /** For a client built by hand rather than by Camel's http component. */
    public static HttpClientBuilder configure(HttpClientBuilder builder) {
        return builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
    }
}
