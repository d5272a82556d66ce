package io.oasis.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.gateway.GatewayTest;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.TokenResponse;
import io.oasis.keycloak.Tokens;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/me with real tokens from the realm, and with the tokens it must refuse. */
class MeEndpointTest extends GatewayTest {


    @Test
    void aCustomerSeesTheirIdentityAndRoles() throws Exception {
        String token = Keycloak.accessToken(DemoUser.CUSTOMER);

        HttpResponse<String> response = get("/api/v1/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.path("subject").asText()).isEqualTo(claims(token).path("sub").asText()).isNotBlank();
        assertThat(me.path("username").asText()).isEqualTo("customer");
        assertThat(me.path("email").asText()).isEqualTo("customer@oasis.example");
        assertThat(me.path("name").asText()).isEqualTo("Cora Customer");
        assertThat(me.path("clientId").asText()).isEqualTo(Tokens.CLI_CLIENT_ID);
        assertThat(JSON.convertValue(me.path("roles"), String[].class)).containsExactly("customer");
        assertThat(response.headers().firstValue("Authorization")).as("the token is not echoed").isEmpty();
    }

    @Test
    void aManagerHasTheOrderManagerRoleThroughTheGroup() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", Keycloak.accessToken(DemoUser.MANAGER));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.path("username").asText()).isEqualTo("manager");
        assertThat(JSON.convertValue(me.path("roles"), String[].class)).containsExactly("order-manager");
    }

    @Test
    void aServiceAccountIsIdentifiedByItsClient() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.path("clientId").asText()).isEqualTo("integration-demo");
        assertThat(me.path("username").asText()).isEqualTo("service-account-integration-demo");
        // The realm gives the partner's service account its customer role and the integration role.
        assertThat(JSON.convertValue(me.path("roles"), String[].class))
                .containsExactlyInAnyOrder("customer", "integration");
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", ANONYMOUS);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertUnauthorizedProblem(response);
    }

    @Test
    void aGarbageTokenIsRejected() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", "not-a-jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("invalid_token"));
        assertUnauthorizedProblem(response);
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() throws Exception {
        // The realm's built-in admin-cli client issues access tokens without the oasis-api audience.
        String token = Tokens.passwordGrant(Keycloak.server().tokenEndpoint(), "admin-cli",
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();
        assertThat(claims(token).path("aud").toString()).doesNotContain("oasis-api");

        HttpResponse<String> response = get("/api/v1/me", token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("invalid_token"));
        assertUnauthorizedProblem(response);
    }

    @Test
    void anIdTokenOrARefreshTokenIsNotABearerToken() throws Exception {
        TokenResponse tokens = Keycloak.tokens(DemoUser.CUSTOMER);
        assertThat(claims(tokens.idToken()).path("typ").asText()).isEqualTo("ID");

        assertThat(get("/api/v1/me", tokens.idToken()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", tokens.refreshToken()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/me", tokens.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyHealthOfTheActuatorIsOnThePublicPort() throws Exception {
        String admin = Keycloak.accessToken(DemoUser.ADMIN);
        HttpResponse<String> health = get("/actuator/health", ANONYMOUS);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness", ANONYMOUS).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", ANONYMOUS).statusCode()).isEqualTo(200);

        for (String path : List.of("/actuator", "/actuator/prometheus", "/actuator/env", "/actuator/health/nothing")) {
            HttpResponse<String> response = get(path, admin);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void theManagementPortNeedsTheAdminRoleForAllButHealth() throws Exception {
        assertThat(getManagement("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(getManagement("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(getManagement("/actuator", Keycloak.accessToken(DemoUser.SUPPORT)).statusCode()).isEqualTo(403);

        HttpResponse<String> asCustomer = getManagement("/actuator/prometheus", Keycloak.accessToken(DemoUser.CUSTOMER));
        assertThat(asCustomer.statusCode()).isEqualTo(403);
        assertThat(asCustomer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(asCustomer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:forbidden");
        assertThat(problem.path("instance").asText()).isEqualTo("/actuator/prometheus");

        String admin = Keycloak.accessToken(DemoUser.ADMIN);
        assertThat(getManagement("/actuator/prometheus", admin).statusCode()).isEqualTo(200);
        assertThat(getManagement("/actuator", admin).statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:unauthorized");
        assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/me");
    }
}
