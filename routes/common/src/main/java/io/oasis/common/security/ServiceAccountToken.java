package io.oasis.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own access token (Keycloak client credentials), for its calls to other services. Kept
 * until shortly before it expires, and past that, up to its expiry, while Keycloak cannot issue a new
 * one. Each service that calls another declares one as a bean with its own client id and secret.
 */
public class ServiceAccountToken {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountToken.class);
    private static final Duration EARLY = Duration.ofSeconds(30);
    /** After a failed renewal, how long the current token is used before Keycloak is asked again. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant renewAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;
    private CompletableFuture<Void> renewal;

    public ServiceAccountToken(ObjectMapper json, Clock clock, String tokenUri, String clientId, String clientSecret) {
        this.json = json;
        this.clock = clock;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /**
     * {@code Bearer <token>}. Shortly before the token expires a new one is asked for in the background, and the
     * current one is handed out meanwhile: no call waits for Keycloak while the token in hand is valid, and when
     * Keycloak cannot issue one (down, or too slow), it is asked again a few seconds later, up to the expiry. Only
     * without a valid token does a call wait for a new one.
     */
    public synchronized String bearer() throws IOException, InterruptedException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(expiresAt)) {
            if (!now.isBefore(renewAt) && (renewal == null || renewal.isDone())) {
                renewal = http.sendAsync(request(), HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                    try {
                        accept(response);
                    } catch (IOException notIssued) {
                        throw new UncheckedIOException(notIssued);
                    }
                }).exceptionally(this::renewalFailed);
            }
            return "Bearer " + token;
        }
        accept(http.send(request(), HttpResponse.BodyHandlers.ofString()));
        return "Bearer " + token;
    }

    private HttpRequest request() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        return HttpRequest.newBuilder(URI.create(tokenUri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private synchronized void accept(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("Token endpoint answered " + response.statusCode() + " for client " + clientId);
        }
        JsonNode body = json.readTree(response.body());
        Instant issued = clock.instant();
        token = body.path("access_token").asText();
        expiresAt = issued.plusSeconds(body.path("expires_in").asLong(60));
        renewAt = expiresAt.minus(EARLY);
    }

    private synchronized Void renewalFailed(Throwable failure) {
        LOG.warn("No new token for client {} ({}); the current one is valid until {}", clientId, failure.toString(),
                expiresAt);
        renewAt = earliest(clock.instant().plus(RETRY_AFTER), expiresAt);
        return null;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
