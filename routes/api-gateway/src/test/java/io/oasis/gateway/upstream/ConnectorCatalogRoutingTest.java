package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector catalog through the gateway (the order service answers; here its stand-in), for designers, integration and admins. */
class ConnectorCatalogRoutingTest extends GatewayTest {

    @BeforeEach
    void forgetEarlierRequests() {
        CUSTOMER_SERVICE.clear();
    }

    @Test
    void aDesignerReadsTheCatalogFromTheOrderService() throws Exception {
        String token = Keycloak.accessToken(DemoUser.DESIGNER);

        for (String path : new String[] {"/api/v1/connectors", "/api/v1/connectors/element-templates",
                "/api/v1/connectors/reserve-inventory"}) {
            HttpResponse<String> response = get(path, token);

            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            StubService.Recorded forwarded = CUSTOMER_SERVICE.next();
            assertThat(forwarded.uri()).isEqualTo(path);
            assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        }
    }

    @Test
    void integrationClientsAndAdminsMayReadItToo() throws Exception {
        assertThat(get("/api/v1/connectors", Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO)).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/connectors", Keycloak.accessToken(DemoUser.ADMIN)).statusCode()).isEqualTo(200);
    }

    @Test
    void customersAndAnonymousCallersNeverReachTheService() throws Exception {
        HttpResponse<String> customer = get("/api/v1/connectors", Keycloak.accessToken(DemoUser.CUSTOMER));
        HttpResponse<String> anonymous = get("/api/v1/connectors/element-templates", ANONYMOUS);

        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(customer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the order service (its stand-in)").isZero();
    }

    @Test
    void aConnectorNameThatIsNotOneIsRefusedAtTheGateway() throws Exception {
        HttpResponse<String> response = get("/api/v1/connectors/Not_A_Name", Keycloak.accessToken(DemoUser.DESIGNER));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(CUSTOMER_SERVICE.pending()).isZero();
    }
}
