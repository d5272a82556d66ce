package io.oasis.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starts a real Keycloak from the unpacked distribution, reuses it, and stops it. */
class KeycloakServerTest {

    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("OASIS_TEST_KEYCLOAK_SERVER_PORT", "8191"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void startsServesTheRealmIsReusedAndStops() throws Exception {
        Path data = Path.of("target", "keycloak-server-test").toAbsolutePath();
        // A fresh database, so the realm comes from the current realm file.
        deleteRecursively(data);
        KeycloakServer server = KeycloakServer.builder()
                .port(PORT)
                .dataDirectory(data)
                .logFile(data.resolve("keycloak.log"))
                .startupTimeout(Duration.ofMinutes(3))
                .start();
        try {
            assertThat(server.isReused()).isFalse();
            JsonNode discovery = json.readTree(get(server.issuerUri() + "/.well-known/openid-configuration").body());
            assertThat(discovery.path("issuer").asText()).isEqualTo(server.issuerUri());
            assertThat(discovery.path("jwks_uri").asText()).isEqualTo(server.jwkSetUri());
            assertThat(discovery.path("token_endpoint").asText()).isEqualTo(server.tokenEndpoint());

            // Requested through 127.0.0.1, the issuer is still the fixed localhost front-end URL.
            TokenResponse tokens = Tokens.passwordGrant(
                    "http://127.0.0.1:" + PORT + "/realms/oasis/protocol/openid-connect/token",
                    DemoUser.MANAGER.username(), DemoUser.MANAGER.password());
            JsonNode claims = claims(tokens.accessToken());
            assertThat(claims.path("iss").asText()).isEqualTo(server.issuerUri());
            assertThat(claims.path("aud").toString()).contains("oasis-api");
            assertThat(claims.path("realm_access").path("roles").toString()).contains("order-manager");

            JsonNode service = claims(server.clientCredentialsGrant(
                    ServiceClient.INTEGRATION_DEMO.clientId(), ServiceClient.INTEGRATION_DEMO.secret()).accessToken());
            assertThat(service.path("azp").asText()).isEqualTo("integration-demo");
            // The customer service gathers exports from the other services with its own account's role.
            JsonNode exporter = claims(server.clientCredentialsGrant(
                    ServiceClient.CUSTOMER_SERVICE.clientId(), ServiceClient.CUSTOMER_SERVICE.secret()).accessToken());
            assertThat(exporter.path("realm_access").path("roles").toString()).contains("personal-data-export");

            try (KeycloakServer second = KeycloakServer.builder().port(PORT).start()) {
                assertThat(second.isReused()).isTrue();
            }
            assertThat(get(server.issuerUri()).statusCode()).as("closing a reused server leaves it running").isEqualTo(200);
        } finally {
            server.close();
        }
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> get(server.issuerUri())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAPortTakenBySomethingElse() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path data = Path.of("target", "keycloak-port-taken").toAbsolutePath();
            KeycloakServer server = KeycloakServer.builder().port(squatter.getLocalPort()).dataDirectory(data).build();
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + squatter.getLocalPort());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode claims(String jwt) throws IOException {
        return json.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
