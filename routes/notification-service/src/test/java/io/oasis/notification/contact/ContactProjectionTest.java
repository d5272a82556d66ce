package io.oasis.notification.contact;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.oasis.notification.NotificationServiceTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The projection of customers' contact details follows the customer events, and asks the customer service only when it must. */
class ContactProjectionTest extends NotificationServiceTestBase {

    @Autowired
    private CustomerContactRepository contacts;

    @Test
    void registrationUpdatesAndPreferencesAreProjected() throws Exception {
        UUID id = registerCustomer(uniqueEmail("proj"), "+4915112345678", Map.of("locale", "de-AT",
                "timeZone", "Europe/Vienna", "quietHoursStart", "22:00", "quietHoursEnd", "07:00"));
        CustomerContact registered = contacts.findById(id).orElseThrow();
        assertThat(registered.getLocale()).isEqualTo("de-AT");
        assertThat(registered.getTimeZone()).isEqualTo("Europe/Vienna");
        assertThat(registered.isSmsOptIn()).isTrue();
        assertThat(registered.getQuietHoursStart()).hasToString("22:00");

        jdbc.update("UPDATE customer_contact SET email_invalid = TRUE WHERE customer_id = ?", id);
        String newEmail = uniqueEmail("moved");
        publishCustomerEvent("CustomerUpdated", id, Map.of("customer", Map.of("id", id.toString(), "email", newEmail,
                "givenName", "Tessa", "familyName", "Tester", "phone", "+4915112345678", "status", "ACTIVE")));
        await().atMost(Duration.ofSeconds(20)).until(() -> newEmail.equals(contacts.findById(id).orElseThrow().getEmail()));
        CustomerContact updated = contacts.findById(id).orElseThrow();
        assertThat(updated.getGivenName()).isEqualTo("Tessa");
        assertThat(updated.isEmailInvalid()).as("a new address is presumed valid again").isFalse();

        publishCustomerEvent("CustomerPreferencesChanged", id, Map.of("customerId", id.toString(), "preferences",
                Map.of("customerId", id.toString(), "emailOptIn", false, "smsOptIn", false, "pushOptIn", true,
                        "webhookOptIn", false, "locale", "en", "timeZone", "UTC")));
        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.findById(id).orElseThrow().isPushOptIn());
        CustomerContact changed = contacts.findById(id).orElseThrow();
        assertThat(changed.isEmailOptIn()).isFalse();
        assertThat(changed.getQuietHoursStart()).isNull();

        publishCustomerEvent("CustomerDeactivated", id, Map.of("customerId", id.toString(), "status", "DEACTIVATED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !contacts.findById(id).orElseThrow().isActive());
    }

    @Test
    void erasureForgetsTheContactAndTheMessageTexts() throws Exception {
        String email = uniqueEmail("erase");
        UUID id = registerCustomer(email, null, Map.of());
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, id, "PLACED"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows("SELECT count(*) FROM notification WHERE customer_id = ?", id) >= 1);

        publishCustomerEvent("CustomerErased", id, Map.of("customerId", id.toString(), "status", "ERASED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> contacts.findById(id).isEmpty());
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ? AND (recipient = ? OR body_text IS NOT NULL)",
                id, email)).isZero();
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ?", id))
                .as("the log of what happened stays").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCustomerMissingFromTheProjectionIsReadOnceFromTheCustomerService() throws Exception {
        UUID id = UUID.randomUUID();
        String email = uniqueEmail("fallback");
        STAND_INS.stubFor(WireMock.get(urlEqualTo("/api/v1/customers/" + id)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"%s","email":"%s","givenName":"Fay","familyName":"Back","status":"ACTIVE"}"""
                        .formatted(id, email))));
        STAND_INS.stubFor(WireMock.get(urlEqualTo("/api/v1/customers/" + id + "/preferences")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"customerId":"%s","emailOptIn":true,"smsOptIn":false,"pushOptIn":false,
                         "webhookOptIn":false,"locale":"de","timeZone":"Europe/Berlin"}""".formatted(id))));

        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, id, "PLACED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND channel = 'EMAIL'", id) == 1);
        CustomerContact remembered = contacts.findById(id).orElseThrow();
        assertThat(remembered.getEmail()).isEqualTo(email);
        assertThat(remembered.getLocale()).isEqualTo("de");
        assertThat(jdbc.queryForObject("SELECT locale FROM notification WHERE customer_id = ? AND channel = 'EMAIL'",
                String.class, id)).isEqualTo("de");
        // Asked with the service's own token, once.
        STAND_INS.verify(1, getRequestedFor(urlEqualTo("/api/v1/customers/" + id))
                .withHeader("Authorization", matching("Bearer .+")));

        UUID secondOrder = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", secondOrder, order(secondOrder, id, "PLACED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND channel = 'EMAIL'", id) == 2);
        STAND_INS.verify(1, getRequestedFor(urlEqualTo("/api/v1/customers/" + id)));
    }
}
