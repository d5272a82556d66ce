package io.oasis.connector;

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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Kamelet templates cannot say in the Simple language, as a bean they call by the name
 * {@value #BEAN}: an HTTP {@code Authorization} header for each kind of authentication (OAuth2 client
 * credentials tokens are fetched once and reused until shortly before they expire) and form-encoded
 * bodies.
 */
public class ConnectorFunctions {

    public static final String BEAN = "oasisConnector";
    /** A token is fetched again this long before it expires. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public ConnectorFunctions(Clock clock) {
        this.clock = clock;
    }

    /**
     * The {@code Authorization} header for {@code type} {@code none}, {@code basic}, {@code bearer} or
     * {@code oauth2} (client credentials), or null for none.
     */
    public String authorization(String type, String username, String password, String token, String tokenUrl,
            String clientId, String clientSecret, String scope) throws IOException, InterruptedException {
        switch (type == null || type.isBlank() ? "none" : type) {
            case "none":
                return null;
            case "basic":
                require(username, "username", type);
                return "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password))
                        .getBytes(StandardCharsets.UTF_8));
            case "bearer":
                require(token, "token", type);
                return "Bearer " + token;
            case "oauth2":
                require(tokenUrl, "tokenUrl", type);
                require(clientId, "clientId", type);
                require(clientSecret, "clientSecret", type);
                return "Bearer " + clientCredentialsToken(tokenUrl, clientId, clientSecret, scope);
            default:
                throw new IllegalArgumentException("authType '" + type + "' is not one of none, basic, bearer, oauth2");
        }
    }

    /** {@code name=value&...} for an {@code application/x-www-form-urlencoded} body, from name/value pairs. */
    public String form(String name1, Object value1, String name2, Object value2, String name3, Object value3) {
        return field(name1, value1) + "&" + field(name2, value2) + "&" + field(name3, value3);
    }

    private static String field(String name, Object value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value.toString(), StandardCharsets.UTF_8);
    }

    private String clientCredentialsToken(String tokenUrl, String clientId, String clientSecret, String scope)
            throws IOException, InterruptedException {
        String key = tokenUrl + "|" + clientId + "|" + (scope == null ? "" : scope);
        Token cached = tokens.get(key);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt().minus(EXPIRY_MARGIN))) {
            return cached.value();
        }
        String form = "grant_type=client_credentials"
                + (scope == null || scope.isBlank() ? "" : "&" + field("scope", scope));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // The answer's body may echo what was sent: only the status goes into the message.
            throw new IOException("The token endpoint " + tokenUrl + " answered " + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        String value = answer.path("access_token").asText(null);
        if (value == null) {
            throw new IOException("The token endpoint " + tokenUrl + " answered without an access_token");
        }
        long expiresIn = answer.path("expires_in").asLong(60);
        tokens.put(key, new Token(value, now.plusSeconds(expiresIn)));
        return value;
    }

    private static void require(String value, String property, String type) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("authType " + type + " needs the property " + property);
        }
    }

    private record Token(String value, Instant expiresAt) {
    }
}
