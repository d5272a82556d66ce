package io.oasis.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accounts a test needs beyond the realm file's demo users: a person with an address of the test's choosing
 * (verified or not), a second partner client, or a sign-in redirect to a test's own port. Made through
 * Keycloak's admin REST API with the dev-only bootstrap administrator, in the test Keycloak of
 * {@link Keycloak}; names are unique, so a reused Keycloak never clashes with an earlier run's.
 */
public final class KeycloakAccounts {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // see Tokens
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_AUDIENCE = "oasis-api";

    private KeycloakAccounts() {
    }

    /**
     * A new user of the realm with one realm role, who signs in with the password grant like a demo user
     * ({@link Keycloak#accessToken(DemoUser)}).
     *
     * @param emailVerified what the tokens' {@code email_verified} claim says
     */
    public static DemoUser newUser(String email, boolean emailVerified, String role) {
        String username = "test-" + UUID.randomUUID();
        String password = "test-only-" + UUID.randomUUID();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("email", email);
        user.put("emailVerified", emailVerified);
        user.put("enabled", true);
        user.put("firstName", "Tara");
        user.put("lastName", "Tester");
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        String token = adminToken();
        String location = create(token, "/users", user);
        grantRealmRole(token, location, role);
        return new DemoUser(username, password, role);
    }

    /**
     * A new confidential client whose service account has the given realm roles and whose tokens are for the
     * Oasis API, like {@link ServiceClient#INTEGRATION_DEMO}.
     */
    public static ServiceClient newServiceClient(String... roles) {
        String clientId = "test-client-" + UUID.randomUUID();
        String secret = "test-only-" + UUID.randomUUID();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("protocol", "openid-connect");
        client.put("publicClient", false);
        client.put("clientAuthenticatorType", "client-secret");
        client.put("secret", secret);
        client.put("serviceAccountsEnabled", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", false);
        client.put("protocolMappers", List.of(Map.of(
                "name", "oasis-api-audience",
                "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.client.audience", API_AUDIENCE, "access.token.claim", "true",
                        "id.token.claim", "false"))));
        String token = adminToken();
        String location = create(token, "/clients", client);
        JsonNode account = read(token, location + "/service-account-user");
        String serviceAccount = realmUrl() + "/users/" + account.path("id").asText();
        for (String role : roles) {
            grantRealmRole(token, serviceAccount, role);
        }
        return new ServiceClient(clientId, secret);
    }

    /**
     * Lets a client of the realm send the browser back to one more exact address: the sign-in flow of a
     * service under test on a port of its own, where the realm file registers only the launcher's.
     */
    public static void allowRedirectUri(String clientId, String redirectUri) {
        String token = adminToken();
        JsonNode found = read(token, realmUrl() + "/clients?clientId=" + clientId);
        if (!(found.path(0) instanceof ObjectNode client)) {
            throw new IllegalStateException("The realm has no client " + clientId);
        }
        ArrayNode redirectUris = client.withArray("redirectUris");
        for (JsonNode known : redirectUris) {
            if (known.asText().equals(redirectUri)) {
                return;
            }
        }
        redirectUris.add(redirectUri);
        send(token, HttpRequest.newBuilder(URI.create(realmUrl() + "/clients/" + client.path("id").asText()))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(client))), 204);
    }

    private static void grantRealmRole(String token, String userUrl, String role) {
        JsonNode representation = read(token, realmUrl() + "/roles/" + role);
        List<JsonNode> roles = new ArrayList<>(List.of(representation));
        send(token, HttpRequest.newBuilder(URI.create(userUrl + "/role-mappings/realm"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(roles))), 204);
    }

    /** POSTs a new representation under the realm; returns the URL Keycloak gives it. */
    private static String create(String token, String collection, Object representation) {
        HttpResponse<String> response = send(token, HttpRequest.newBuilder(URI.create(realmUrl() + collection))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(representation))), 201);
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("Keycloak created " + collection + " without a Location"));
    }

    private static JsonNode read(String token, String url) {
        try {
            return JSON.readTree(send(token, HttpRequest.newBuilder(URI.create(url)).GET(), 200).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(String token, HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("Keycloak admin API " + response.request().method() + " "
                        + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Keycloak's admin API", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String adminToken() {
        KeycloakServer server = Keycloak.server();
        return Tokens.passwordGrant(server.baseUrl() + "/realms/master/protocol/openid-connect/token", "admin-cli",
                KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD).accessToken();
    }

    private static String realmUrl() {
        return Keycloak.server().baseUrl() + "/admin/realms/" + KeycloakServer.REALM;
    }
}
