package io.oasis.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A service's own access token (Keycloak client credentials), for its calls to other services. Kept
 * until shortly before it expires. Each service that calls another declares one as a bean with its own
 * client id and secret.
 */
public class ServiceAccountToken {

    private static final Duration EARLY = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final String tokenUri;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceAccountToken(ObjectMapper json, Clock clock, String tokenUri, String clientId, String clientSecret) {
        this.json = json;
        this.clock = clock;
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code Bearer <token>}, fetched again when the last one is about to expire. */
    public synchronized String bearer() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(clientSecret);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUri))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Token endpoint answered " + response.statusCode() + " for client " + clientId);
            }
            JsonNode body = json.readTree(response.body());
            token = body.path("access_token").asText();
            renewAt = clock.instant().plusSeconds(body.path("expires_in").asLong(60)).minus(EARLY);
        }
        return "Bearer " + token;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
