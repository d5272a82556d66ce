package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The workflows API through the gateway (the order service answers; here its stand-in): for designers and admins only. */
class WorkflowRoutingTest extends GatewayTest {

    private static final String MIGRATIONS = "/api/v1/workflows/order-lifecycle/migrations";
    private static final String MIGRATION = "{\"fromVersion\":3,\"toVersion\":4,\"activityIds\":[\"Task_ValidateOrder\"]}";

    @BeforeEach
    void forgetEarlierRequests() {
        CUSTOMER_SERVICE.clear();
    }

    @Test
    void designersAndAdminsReachTheOrderServiceWithTheirToken() throws Exception {
        for (DemoUser user : List.of(DemoUser.DESIGNER, DemoUser.ADMIN)) {
            String token = Keycloak.accessToken(user);
            for (String path : List.of("/api/v1/workflows?page=0&size=10", "/api/v1/workflows/order-lifecycle/versions/3")) {
                HttpResponse<String> response = get(path, token);

                assertThat(response.statusCode()).as(user.username() + " " + path + ": " + response.body()).isEqualTo(200);
                StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
                assertThat(forwarded.uri()).isEqualTo(path);
                assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
            }
            HttpResponse<String> migrated = migrate(token, MIGRATION, "key-" + user.username());

            assertThat(migrated.statusCode()).as(migrated.body()).isEqualTo(201);
            StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
            assertThat(forwarded.method()).isEqualTo("POST");
            assertThat(forwarded.uri()).isEqualTo(MIGRATIONS);
            assertThat(forwarded.body()).isEqualTo(MIGRATION);
            assertThat(forwarded.header("Idempotency-Key")).isEqualTo("key-" + user.username());
        }
    }

    @Test
    void everyOtherRoleIs403AndNoTokenIs401AndNeitherReachesTheService() throws Exception {
        for (DemoUser user : List.of(DemoUser.CUSTOMER, DemoUser.SUPPORT, DemoUser.MANAGER)) {
            String token = Keycloak.accessToken(user);
            for (HttpResponse<String> response : List.of(get("/api/v1/workflows", token),
                    get("/api/v1/workflows/order-lifecycle/versions/3", token), migrate(token, MIGRATION, null))) {
                assertThat(response.statusCode()).as(user.username() + " " + response.uri()).isEqualTo(403);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        assertThat(get("/api/v1/workflows", ANONYMOUS).statusCode()).isEqualTo(401);
        assertThat(migrate(null, MIGRATION, null).statusCode()).isEqualTo(401);
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the order service (its stand-in)").isZero();
    }

    @Test
    void aMigrationOrVersionThatBreaksTheContractIsRefusedAtTheGateway() throws Exception {
        String token = Keycloak.accessToken(DemoUser.DESIGNER);
        for (String body : List.of("{\"fromVersion\":\"three\",\"toVersion\":4}", "{\"fromVersion\":3.5,\"toVersion\":4}",
                "{\"toVersion\":4}", "{\"fromVersion\":3,\"toVersion\":4,\"everything\":true}",
                "{\"fromVersion\":0,\"toVersion\":4}", "{\"fromVersion\":3,\"toVersion\":4,\"activityIds\":[\"\"]}")) {
            HttpResponse<String> response = migrate(token, body, null);

            assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/api/v1/workflows/order-lifecycle/versions/three", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/workflows/not%20a%20key/versions/3", token).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/workflows?size=0", token).statusCode()).isEqualTo(400);
        assertThat(CUSTOMER_SERVICE.pending()).isZero();
    }

    private HttpResponse<String> migrate(String token, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = request(MIGRATIONS, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }
}
