package io.oasis.notification.push;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The push provider's HTTP client sends each request once. By default Apache HttpClient repeats a request
 * that got 429 or 503 itself, after the {@code Retry-After}: inside one attempt, holding a sender thread
 * for as long as the provider asks, and out of sight of the delivery log. The dispatcher retries instead.
 */
@Component(PushHttpClient.BEAN)
public class PushHttpClient implements HttpClientConfigurer {

    /** The bean name the push endpoint refers to ({@code httpClientConfigurer=#pushHttpClient}). */
    public static final String BEAN = "pushHttpClient";

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
