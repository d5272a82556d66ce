package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole platform, started the way the launcher starts it (Keycloak as a child process, the
 * embedded broker, H2 files, the dev mailbox, every service on its own port), then used the way a
 * newcomer would: readiness of each service, a token for a demo user, {@code /api/v1/me} through
 * the gateway. Only the settings differ from a user's: free ports and a fresh data folder, so it
 * runs next to a started launcher and never depends on anything started by hand.
 */
class PlatformSmokeTest {

    @TempDir
    static Path dataDirectory;

    private static Platform platform;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startPlatform() {
        // An empty environment: the embedded default of every part, as on a fresh machine.
        platform = Platform.start(PlatformSettings.fromEnvironment(Map.of())
                .withDataDirectory(dataDirectory)
                .withFreePorts());
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceIsReadyOnItsOwnPort(PlatformService service) throws Exception {
        HttpResponse<String> response = get(platform.baseUrl(service) + "/actuator/health/readiness", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theGatewayTellsADemoUserWhoTheyAre() throws Exception {
        String token = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();

        HttpResponse<String> response = get(platform.baseUrl(PlatformService.GATEWAY) + "/api/v1/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(DemoUser.CUSTOMER.username());
    }

    @Test
    void theDemoCustomerHasAProfileToStartWith() throws Exception {
        String token = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();

        HttpResponse<String> response = get(platform.baseUrl(PlatformService.CUSTOMER) + "/api/v1/customers/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("email").asText()).isEqualTo("customer@oasis.example");
    }

    @Test
    void theGatewayRefusesACallerWithoutAToken() throws Exception {
        HttpResponse<String> response = get(platform.baseUrl(PlatformService.GATEWAY) + "/api/v1/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> get(String url, String bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }
}
