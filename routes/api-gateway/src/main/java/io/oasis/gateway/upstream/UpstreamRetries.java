package io.oasis.gateway.upstream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * When the HTTP client calls a service again by itself: once, at once, and only for an idempotent
 * request whose connection failed (a pooled connection the service had closed). Never because of the
 * service's answer: the client's default waits out a 429's or 503's {@code Retry-After} on the
 * caller's thread and then calls the busy service a second time, where the caller should get that
 * answer and its advice straight away. Refused connections and timeouts are left to the route's
 * failover to other instances and to the circuit breaker.
 */
public final class UpstreamRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ZERO_MILLISECONDS) {
            @Override
            public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
                return false;
            }
        });
    }
}
