package io.oasis.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.NotificationServiceTestBase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The delivery log's API: who sees what, retries by admins, direct sends with their checks. */
class NotificationApiTest extends NotificationServiceTestBase {

    @Test
    void aCustomerSeesTheirOwnNotificationsOnly() throws Exception {
        UUID own = demoCustomer(DemoUser.CUSTOMER);
        UUID other = demoCustomer(DemoUser.CUSTOMER2);
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, own, "PLACED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE event_type = 'OrderPlaced' AND customer_id = ? "
                        + "AND body_text LIKE ?", own, "%" + orderId + "%") == 1);
        String id = jdbc.queryForObject("SELECT id::text FROM notification WHERE customer_id = ? AND body_text LIKE ?",
                String.class, own, "%" + orderId + "%");

        JsonNode mine = body(get(NOTIFICATIONS + "?size=100", DemoUser.CUSTOMER));
        assertThat(mine.path("items").findValuesAsText("customerId")).isNotEmpty().allMatch(own.toString()::equals);
        assertThat(mine.path("items").findValuesAsText("id")).contains(id);

        HttpResponse<String> one = get(NOTIFICATIONS + "/" + id, DemoUser.CUSTOMER);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).path("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(body(one).has("attempts")).isTrue();

        // Someone else's notification does not exist for them, by id or by filter.
        HttpResponse<String> foreign = get(NOTIFICATIONS + "/" + id, DemoUser.CUSTOMER2);
        assertProblem(foreign, 404);
        assertThat(get(NOTIFICATIONS + "?customerId=" + own, DemoUser.CUSTOMER2).statusCode()).isEqualTo(404);
        assertThat(body(get(NOTIFICATIONS + "?size=100", DemoUser.CUSTOMER2)).path("items")
                .findValuesAsText("customerId")).allMatch(other.toString()::equals);

        // Support reads anyone's, filtered.
        JsonNode filtered = body(get(NOTIFICATIONS + "?customerId=" + own + "&channel=email", DemoUser.SUPPORT));
        assertThat(filtered.path("items").findValuesAsText("id")).contains(id);
        assertThat(filtered.path("items").findValuesAsText("channel")).allMatch("EMAIL"::equals);
    }

    @Test
    void badFiltersAndStrangersAreRefused() throws Exception {
        HttpResponse<String> badStatus = get(NOTIFICATIONS + "?status=lost", DemoUser.SUPPORT);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(body(badStatus).path("errors").get(0).path("field").asText()).isEqualTo("status");
        assertThat(get(NOTIFICATIONS + "?customerId=nope", DemoUser.SUPPORT).statusCode()).isEqualTo(400);
        assertThat(get(NOTIFICATIONS, (DemoUser) null).statusCode()).isEqualTo(401);
        assertThat(get(NOTIFICATIONS, DemoUser.MANAGER).statusCode()).isEqualTo(403);
        assertThat(get(NOTIFICATIONS + "/" + UUID.randomUUID(), DemoUser.SUPPORT).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAdminsRetryAndOnlyWhatFailed() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("retry"), null, Map.of("emailOptIn", false));
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, customerId, "PLACED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPlaced'", customerId) == 1);
        String suppressed = jdbc.queryForObject("SELECT id::text FROM notification WHERE customer_id = ? "
                + "AND event_type = 'OrderPlaced'", String.class, customerId);

        HttpResponse<String> bySupport = send(request(NOTIFICATIONS + "/" + suppressed + "/retry", DemoUser.SUPPORT)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(bySupport.statusCode()).isEqualTo(403);
        HttpResponse<String> notFailed = send(request(NOTIFICATIONS + "/" + suppressed + "/retry", DemoUser.ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE id = ?::uuid", String.class, suppressed))
                .isEqualTo("SUPPRESSED");
    }

    @Test
    void aDirectSendIsCheckedAndIdempotent() throws Exception {
        String to = uniqueEmail("direct");
        String message = """
                {"channel":"email","to":"%s","subject":"Your invoice","text":"It is attached."}""".formatted(to);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = send(request(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(message)));
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode created = body(first);
        assertThat(created.path("recipient").asText()).isEqualTo(to);
        assertThat(created.path("eventType").asText()).isEqualTo("DirectMessage");
        assertThat(first.headers().firstValue("Location")).hasValue(NOTIFICATIONS + "/" + created.path("id").asText());

        HttpResponse<String> again = send(request(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(message)));
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(body(again).path("id").asText()).isEqualTo(created.path("id").asText());
        assertThat(rows("SELECT count(*) FROM notification WHERE recipient = ?", to)).isEqualTo(1);

        // A customer does not send messages in the platform's name.
        assertThat(postJson(NOTIFICATIONS, DemoUser.CUSTOMER, message).statusCode()).isEqualTo(403);
    }

    @Test
    void aDirectSendGoesToOneRecipientOnly() throws Exception {
        assertRejected("""
                {"channel":"email","to":"a@example.com, b@example.com","subject":"Hi","text":"x"}""", "to");
        assertRejected("""
                {"channel":"email","to":"a@example.com\\r\\nBcc: evil@example.com","subject":"Hi","text":"x"}""", "to");
        assertRejected("""
                {"channel":"email","to":"a@example.com","subject":"Hi\\r\\nBcc: evil@example.com","text":"x"}""", "subject");
        assertRejected("""
                {"channel":"sms","to":"+49151 123, +49152 456","text":"x"}""", "to");
        assertRejected("""
                {"channel":"email","to":"a@example.com","customerId":"%s","subject":"Hi","text":"x"}"""
                .formatted(UUID.randomUUID()), "to");
        assertRejected("""
                {"channel":"fax","to":"a@example.com","text":"x"}""", "channel");
        assertRejected("""
                {"channel":"email","to":"a@example.com","template":"NoSuchEvent"}""", "template");
        assertThat(rows("SELECT count(*) FROM notification WHERE recipient LIKE '%evil%' OR recipient = 'a@example.com'"))
                .as("nothing stored").isZero();
    }

    @Test
    void aDirectSendWithATemplateIsWordedForTheCustomer() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("templated"), null, Map.of("locale", "de"));
        UUID orderId = UUID.randomUUID();
        HttpResponse<String> created = send(request(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"channel":"email","customerId":"%s","template":"OrderShipped","data":{"orderId":"%s"}}"""
                        .formatted(customerId, orderId))));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = body(created).path("id").asText();
        assertThat(jdbc.queryForObject("SELECT subject FROM notification WHERE id = ?::uuid", String.class, id))
                .isEqualTo("Ihre Bestellung ist unterwegs");
        assertThat(jdbc.queryForObject("SELECT body_text FROM notification WHERE id = ?::uuid", String.class, id))
                .contains(orderId.toString());
    }

    private void assertRejected(String message, String field) throws Exception {
        HttpResponse<String> response = postJson(NOTIFICATIONS, ServiceClient.INTEGRATION_DEMO, message);
        assertProblem(response, 400);
        assertThat(body(response).path("errors").findValuesAsText("field")).as(message).contains(field);
    }
}
