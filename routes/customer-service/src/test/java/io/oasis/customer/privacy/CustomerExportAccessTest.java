package io.oasis.customer.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Who may ask for a customer's export. The other services do not run in this module, so a caller who
 * passes the checks gets a 502 naming the service that could not give its part, never a partial export;
 * the complete export is tested with every service running (the platform's PrivacyTest).
 */
class CustomerExportAccessTest extends CustomerServiceTestBase {

    @Test
    void supportAgentsMayNotExport() throws Exception {
        String id = newCustomer("Sue").path("id").asText();

        HttpResponse<String> response = get(CUSTOMERS + "/" + id + "/export", DemoUser.SUPPORT);

        assertProblem(response, 403);
    }

    @Test
    void anotherCustomersExportIsNotFoundLikeAnIdThatDoesNotExist() throws Exception {
        String other = ownProfile(DemoUser.CUSTOMER2).path("id").asText();

        HttpResponse<String> response = get(CUSTOMERS + "/" + other + "/export", DemoUser.CUSTOMER);
        HttpResponse<String> missing = get(CUSTOMERS + "/00000000-0000-0000-0000-000000000000/export", DemoUser.ADMIN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void theOwnerAndAnAdminPassButGetNoPartialExportWhenAServiceIsDown() throws Exception {
        String own = ownProfile(DemoUser.CUSTOMER).path("id").asText();

        HttpResponse<String> owner = get(CUSTOMERS + "/" + own + "/export", DemoUser.CUSTOMER);
        HttpResponse<String> admin = get(CUSTOMERS + "/" + own + "/export", DemoUser.ADMIN);

        for (HttpResponse<String> response : java.util.List.of(owner, admin)) {
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(body(response).path("type").asText()).isEqualTo("urn:oasis:problem:bad-gateway");
            assertThat(body(response).path("detail").asText()).contains("order service");
            assertThat(response.body()).doesNotContain("customer@oasis.example");
        }
    }
}
