package io.oasis.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.gateway.GatewayTest;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests that do not match the contract are answered by the gateway and never reach a service. */
class ValidationTest extends GatewayTest {


    private String admin;

    @BeforeEach
    void setUp() {
        CUSTOMER_SERVICE.clear();
        admin = Keycloak.accessToken(DemoUser.ADMIN);
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing-here", admin);

        assertRefused(response, 404);
    }

    @Test
    void aWrongMethodIs405() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/customers", admin).DELETE());

        assertRefused(response, 405);
    }

    @Test
    void aBodyWithBadFieldsIs400WithTheFields() throws Exception {
        HttpResponse<String> response = post("/api/v1/customers", "application/json",
                "{\"email\":\"ada@example.com\",\"familyName\":\"\",\"phone\":\"12\",\"admin\":true}");

        JsonNode problem = assertRefused(response, 400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        assertThat(problem.path("errors").toString()).contains("familyName").contains("phone").contains("admin")
                .contains("givenName");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertRefused(post("/api/v1/customers", "application/json", "{\"email\": "), 400);
    }

    @Test
    void aBadPathOrQueryParameterIs400() throws Exception {
        JsonNode problem = assertRefused(get("/api/v1/customers?page=minus-one", admin), 400);
        assertThat(problem.path("errors").toString()).contains("page");
        assertRefused(get("/api/v1/customers/not-a-uuid", admin), 400);
    }

    @Test
    void aReadWithoutParametersIsStillCheckedForWhatItAccepts() throws Exception {
        String customer = Keycloak.accessToken(DemoUser.CUSTOMER);

        JsonNode problem = assertRefused(send(request("/api/v1/customers/me", customer).header("Accept", "text/csv").GET()), 400);
        assertThat(problem.path("errors").toString()).contains("Accept");
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
    }

    @Test
    void aWrongContentTypeIs415() throws Exception {
        assertRefused(post("/api/v1/customers", "text/plain", "email=ada@example.com"), 415);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"email\":\"ada@example.com\",\"givenName\":\"" + "a".repeat(10_000) + "\",\"familyName\":\"L\"}";

        assertRefused(post("/api/v1/customers", "application/json", big), 413);
    }

    @Test
    void aValidRequestReachesTheService() throws Exception {
        HttpResponse<String> response = post("/api/v1/customers/" + UUID.randomUUID() + "/history", "application/json",
                "{\"type\":\"CALL\",\"channel\":\"PHONE\",\"summary\":\"Asked about delivery\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(CUSTOMER_SERVICE.next().body()).contains("Asked about delivery");
    }

    @Test
    void anOrderWithItsOwnTotalOrAPriceThatIsNoPositiveNumberIsRefusedAtTheDoor() throws Exception {
        String customerId = UUID.randomUUID().toString();
        JsonNode total = assertRefused(post("/api/v1/orders", "application/json", "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"total\":1.00,\"items\":[{\"sku\":\"A\",\"name\":\"A\",\"quantity\":1,\"unitPrice\":10.00}]}"), 400);
        JsonNode text = assertRefused(post("/api/v1/orders", "application/json", "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"name\":\"A\",\"quantity\":1,\"unitPrice\":\"10.00\"}]}"), 400);
        JsonNode free = assertRefused(post("/api/v1/orders", "application/json", "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"name\":\"A\",\"quantity\":1,\"unitPrice\":0}]}"), 400);

        assertThat(total.path("errors").toString()).contains("total");
        assertThat(text.path("errors").toString()).contains("unitPrice");
        assertThat(free.path("errors").toString()).contains("unitPrice");
    }

    @Test
    void amountsReachTheServiceExactlyAsWritten() throws Exception {
        // 0.1 has no exact binary form: passed through as text, never re-encoded from a double.
        String body = "{\"customerId\":\"" + UUID.randomUUID() + "\",\"currency\":\"KWD\",\"items\":[{\"sku\":\"A\",\"name\":\"A\","
                + "\"quantity\":3,\"unitPrice\":0.100},{\"sku\":\"B\",\"name\":\"B\",\"quantity\":1,\"unitPrice\":1234567890.123}]}";

        HttpResponse<String> response = post("/api/v1/orders", "application/json", body);

        assertThat(response.statusCode()).as(response.body()).isLessThan(400);
        assertThat(CUSTOMER_SERVICE.next().body()).isEqualTo(body);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(request(path, admin).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A problem answered by the gateway itself: the service saw nothing. */
    private static JsonNode assertRefused(HttpResponse<String> response, int status) {
        JsonNode problem = assertProblem(response, status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the service").isZero();
        return problem;
    }
}
