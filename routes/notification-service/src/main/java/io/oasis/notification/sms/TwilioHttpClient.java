package io.oasis.notification.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.exception.RestException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.oasis.common.http.NoAutomaticRetries;
import io.oasis.common.http.RetryAfter;
import io.oasis.notification.delivery.DeliveryException;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client with three changes:
 * <ul>
 * <li>with a base URL configured (a stand-in such as WireMock), each request to {@code https://api.twilio.com}
 *     goes there instead; without one it goes to Twilio;</li>
 * <li>it never retries on its own (the SDK retries 5xx three times, Apache HttpClient a 429 or 503 once, both
 *     hidden from the delivery log): each attempt is one request, and the dispatcher's schedule decides the next;</li>
 * <li>a 429 or 503 answer that says {@code Retry-After} becomes a {@link TwilioRetryAfterException} carrying the
 *     wait, which the SDK's own {@link ApiException} drops.</li>
 * </ul>
 */
public class TwilioHttpClient extends NetworkHttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    /**
     * @param baseUrl replaces {@code https://api.twilio.com}; null for the real Twilio
     * @param timeout connect, response and connection-pool timeout of each request
     */
    public TwilioHttpClient(String baseUrl, Duration timeout) {
        super(builder(timeout));
        this.baseUrl = baseUrl;
    }

    private static HttpClientBuilder builder(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        return NoAutomaticRetries.configure(HttpClients.custom())
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(limit).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit).setSocketTimeout(limit).build())
                        .setMaxConnPerRoute(20)
                        .setMaxConnTotal(40)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit).setResponseTimeout(limit).build());
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(rebase(request));
        int status = response.getStatusCode();
        if (status == 429 || status == 503) {
            Duration wait = RetryAfter.parse(header(response, "Retry-After"), Instant.now(),
                    DeliveryException.MAX_RETRY_AFTER);
            if (wait != null) {
                throw new TwilioRetryAfterException(error(response), status, wait);
            }
        }
        return response;
    }

    /** Never: a failed attempt is the dispatcher's to retry, on its schedule. */
    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    /** The same request with the configured base URL in place of Twilio's; the request itself without one. */
    Request rebase(Request request) {
        String url = request.getUrl();
        if (baseUrl == null || !url.startsWith(TWILIO_API)) {
            return request;
        }
        Request moved = new Request(request.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
        if (request.getAuthStrategy() != null) {
            moved.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            moved.setAuth(request.getUsername(), request.getPassword());
        }
        request.getQueryParams().forEach((name, values) -> values.forEach(value -> moved.addQueryParam(name, value)));
        request.getPostParams().forEach((name, values) -> values.forEach(value -> moved.addPostParam(name, value)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> moved.addHeaderParam(name, value)));
        moved.setContentType(request.getContentType());
        moved.setBody(request.getBody());
        if (request.getFormParameters() != null) {
            moved.setFormParameters(request.getFormParameters());
        }
        moved.setUserAgentExtensions(request.getUserAgentExtensions());
        // Region and edge are not copied: they would rewrite the stand-in's host name into a Twilio one.
        return moved;
    }

    private static String header(Response response, String name) {
        if (response.getHeaders() == null) {
            return null;
        }
        for (Header header : response.getHeaders()) {
            if (header.getName().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** Twilio's error document in the body ({@code code}, {@code message}...), or null if there is none. */
    private static RestException error(Response response) {
        try {
            return RestException.fromJson(response.getStream(), JSON);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
