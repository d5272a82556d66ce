package io.oasis.keycloak;

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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Obtains tokens from a Keycloak token endpoint: for tests, the launcher's smoke test and the demo. */
public final class Tokens {

    /** The dev-only public client that allows the password and device grants. */
    public static final String CLI_CLIENT_ID = "oasis-cli";

    // HTTP/1.1: Keycloak accepts the JDK client's h2c upgrade, and a POST on an upgraded connection that
    // Keycloak closes with GOAWAY fails instead of being sent again.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {
    }

    /** Password grant with {@code oasis-cli}, asking for the {@code openid} scope so an ID token comes back too. */
    public static TokenResponse passwordGrant(String tokenEndpoint, String username, String password) {
        return passwordGrant(tokenEndpoint, CLI_CLIENT_ID, username, password);
    }

    /** Password grant with another public client of the realm that allows it. */
    public static TokenResponse passwordGrant(String tokenEndpoint, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return request(tokenEndpoint, form);
    }

    public static TokenResponse clientCredentialsGrant(String tokenEndpoint, String clientId, String clientSecret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return request(tokenEndpoint, form);
    }

    private static TokenResponse request(String tokenEndpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token request (" + form.get("grant_type") + ") to " + tokenEndpoint
                        + " failed with " + response.statusCode() + ": " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return new TokenResponse(json.path("access_token").asText(),
                    json.hasNonNull("id_token") ? json.get("id_token").asText() : null,
                    json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null,
                    json.path("expires_in").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("Token request to " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while requesting a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
