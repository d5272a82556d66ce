package io.oasis.customer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.customer.CustomerServiceTestBase;
import io.oasis.keycloak.DemoUser;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shipping address of a profile, where the customer's orders go by default: set and changed by merge
 * patch, validated field by field, its country normalised to the ISO 3166-1 alpha-2 code.
 */
class ShippingAddressTest extends CustomerServiceTestBase {

    @Test
    void theCustomerSetsChangesAndRemovesTheirAddressAndTheCountryBecomesItsCode() throws Exception {
        JsonNode profile = ownProfile(DemoUser.CUSTOMER);
        String path = CUSTOMERS + "/" + profile.path("id").asText();

        HttpResponse<String> set = patch(path, DemoUser.CUSTOMER, """
                {"shippingAddress":{"name":"Cora Customer","line1":"Herrengasse 1","postalCode":"8010","city":"Graz",
                 "country":"Austria"}}""", etag(profile));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(body(set).path("shippingAddress").path("country").asText()).isEqualTo("AT");

        // A merge patch of one field keeps the others.
        HttpResponse<String> moved = patch(path, DemoUser.CUSTOMER, "{\"shippingAddress\":{\"line1\":\"Sporgasse 2\"}}",
                etag(body(set)));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode address = body(get(CUSTOMERS + "/me", DemoUser.CUSTOMER)).path("shippingAddress");
        assertThat(address.path("line1").asText()).isEqualTo("Sporgasse 2");
        assertThat(address.path("city").asText()).isEqualTo("Graz");
        assertThat(address.path("country").asText()).isEqualTo("AT");

        HttpResponse<String> removed = patch(path, DemoUser.CUSTOMER, "{\"shippingAddress\":null}", etag(body(moved)));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(body(get(CUSTOMERS + "/me", DemoUser.CUSTOMER)).path("shippingAddress").isNull()).isTrue();
    }

    @Test
    void aBadAddressIsA400NamingEachFieldAndChangesNothing() throws Exception {
        JsonNode profile = ownProfile(DemoUser.CUSTOMER2);
        String path = CUSTOMERS + "/" + profile.path("id").asText();

        HttpResponse<String> refused = patch(path, DemoUser.CUSTOMER2, """
                {"shippingAddress":{"name":"Carl","line1":"","city":"Graz","country":"Nowhere"}}""", etag(profile));

        assertThat(assertProblem(refused, 400).path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("shippingAddress.line1", "shippingAddress.country");
        JsonNode after = body(get(CUSTOMERS + "/me", DemoUser.CUSTOMER2));
        assertThat(after.path("version").asLong()).isEqualTo(profile.path("version").asLong());
        assertThat(after.path("shippingAddress")).isEqualTo(profile.path("shippingAddress"));
    }

    @Test
    void anAdminRegistersACustomerWithTheirAddress() throws Exception {
        String email = "shipping." + UUID.randomUUID() + "@example.com";

        HttpResponse<String> accepted = postJson(CUSTOMERS, DemoUser.ADMIN, """
                {"email":"%s","givenName":"Ana","familyName":"Lima","country":"BR","shippingAddress":{"name":"Ana Lima",
                 "line1":"Av. Paulista 1000","postalCode":"01310-100","city":"São Paulo","region":"SP","country":"bra"}}"""
                .formatted(email));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode address = customerWithEmail(email).path("shippingAddress");
        assertThat(address.path("country").asText()).isEqualTo("BR");
        assertThat(address.path("region").asText()).isEqualTo("SP");
        assertThat(address.path("postalCode").asText()).isEqualTo("01310-100");
    }

    private static String etag(JsonNode profile) {
        return "\"" + profile.path("version").asLong() + "\"";
    }
}
