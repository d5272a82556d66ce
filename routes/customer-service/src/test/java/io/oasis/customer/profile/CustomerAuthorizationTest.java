package io.oasis.customer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Who may do what, with real tokens of the realm's demo users. Someone else's customer is a 404,
 * exactly like an id that does not exist.
 */
class CustomerAuthorizationTest extends CustomerServiceTestBase {

    @Test
    void withoutATokenNothingIsAnswered() throws Exception {
        HttpResponse<String> response = get(CUSTOMERS, ANONYMOUS);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void aCustomerCannotSeeOrChangeAnotherCustomer() throws Exception {
        JsonNode other = ownProfile(DemoUser.CUSTOMER2);
        String path = CUSTOMERS + "/" + other.path("id").asText();

        HttpResponse<String> read = get(path, DemoUser.CUSTOMER);
        HttpResponse<String> change = patch(path, DemoUser.CUSTOMER, "{\"familyName\":\"Hijacked\"}",
                "\"" + other.path("version").asText() + "\"");
        HttpResponse<String> preferences = get(path + "/preferences", DemoUser.CUSTOMER);
        HttpResponse<String> history = get(path + "/history", DemoUser.CUSTOMER);
        HttpResponse<String> delete = send(request(path, DemoUser.CUSTOMER).DELETE());
        HttpResponse<String> missing = get(CUSTOMERS + "/00000000-0000-0000-0000-000000000000", DemoUser.CUSTOMER);

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(change.statusCode()).isEqualTo(404);
        assertThat(preferences.statusCode()).isEqualTo(404);
        assertThat(history.statusCode()).isEqualTo(404);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(read.body()).isEqualTo(missing.body().replace("00000000-0000-0000-0000-000000000000",
                other.path("id").asText()).replace(missing.headers().firstValue("X-Correlation-Id").orElseThrow(),
                read.headers().firstValue("X-Correlation-Id").orElseThrow()));
        JsonNode after = body(get(CUSTOMERS + "/me", DemoUser.CUSTOMER2));
        assertThat(after.path("familyName").asText()).isEqualTo(other.path("familyName").asText());
        assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aCustomerReadsAndEditsTheirOwnProfile() throws Exception {
        JsonNode me = ownProfile(DemoUser.CUSTOMER);
        String path = CUSTOMERS + "/" + me.path("id").asText();

        HttpResponse<String> read = get(path, DemoUser.CUSTOMER);
        HttpResponse<String> change = patch(path, DemoUser.CUSTOMER, "{\"country\":\"CH\"}",
                read.headers().firstValue("ETag").orElseThrow());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(change.statusCode()).isEqualTo(200);
        assertThat(body(change).path("country").asText()).isEqualTo("CH");
    }

    @Test
    void aCustomerCannotListOrCreateOthers() throws Exception {
        assertThat(get(CUSTOMERS, DemoUser.CUSTOMER).statusCode()).isEqualTo(403);
        assertThat(postJson(CUSTOMERS, DemoUser.CUSTOMER, """
                {"email":"fake@example.com","givenName":"Fake","familyName":"Person"}""").statusCode()).isEqualTo(403);
    }

    @Test
    void supportReadsEveryoneButChangesNoProfile() throws Exception {
        JsonNode customer = newCustomer("Supported");
        String path = CUSTOMERS + "/" + customer.path("id").asText();

        assertThat(get(path, DemoUser.SUPPORT).statusCode()).isEqualTo(200);
        assertThat(get(CUSTOMERS, DemoUser.SUPPORT).statusCode()).isEqualTo(200);
        assertThat(patch(path, DemoUser.SUPPORT, "{\"familyName\":\"Edited\"}", "\"0\"").statusCode()).isEqualTo(403);
        assertThat(postJson(path + "/erase", DemoUser.SUPPORT, "{\"reason\":\"no\"}").statusCode()).isEqualTo(403);
        assertThat(body(get(path, DemoUser.ADMIN)).path("familyName").asText()).isEqualTo("Tester");
    }

    @Test
    void otherRolesSeeNoCustomers() throws Exception {
        JsonNode customer = newCustomer("Private");

        // Reading a customer is not an order manager's operation (x-oasis-roles): refused as the gateway refuses it.
        assertThat(get(CUSTOMERS + "/" + customer.path("id").asText(), DemoUser.MANAGER).statusCode()).isEqualTo(403);
        assertThat(get(CUSTOMERS, DemoUser.DESIGNER).statusCode()).isEqualTo(403);
    }
}
