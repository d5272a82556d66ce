package io.oasis.notification.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.notification.NotificationServiceTestBase;
import io.oasis.testsupport.PersonalDataSearch;
import io.oasis.testsupport.Postgres;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An erased customer in the notification service: the delivery log keeps what happened, nothing of who the
 * person was (addresses, names, texts, errors, devices, webhook copies); events about them that come later
 * message nobody. And the service's part of an export, for the customer service's account only.
 */
class NotificationPrivacyTest extends NotificationServiceTestBase {

    private static final String PUSH_SEND = "/v1/projects/oasis-test/messages:send";

    private final List<StubMapping> stubs = new ArrayList<>();
    private final List<UUID> subscriptions = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        stubs.forEach(STAND_INS::removeStub);
        subscriptions.forEach(id -> jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id));
    }

    @Test
    void anErasedCustomersDeliveryLogKeepsWhatHappenedAndNothingOfThePerson() throws Exception {
        Person person = Person.unique();
        String receiver = "/hooks/privacy/" + UUID.randomUUID();
        stubs.add(STAND_INS.stubFor(post(urlPathEqualTo(receiver)).willReturn(aResponse().withStatus(204))));
        subscribeEverything(receiver);
        UUID id = registerCustomer(person.email(), person.phone(), Map.of("pushOptIn", true),
                Map.of("givenName", person.givenName(), "familyName", person.familyName()));
        device(id, person.deviceToken());
        stubs.add(STAND_INS.stubFor(post(PUSH_SEND).withRequestBody(matchingJsonPath("$.message.token",
                equalTo(person.deviceToken()))).willReturn(okJson("{\"name\":\"projects/oasis-test/messages/7\"}"))));
        send(Map.of("channel", "email", "to", person.email(), "subject", "Hello " + person.givenName(), "text", "Hi"));
        send(Map.of("channel", "sms", "customerId", id.toString(), "text", "Your code, " + person.givenName()));
        send(Map.of("channel", "push", "customerId", id.toString(), "subject", "Hi", "text", "For " + person.familyName()));
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, id, "PLACED"));
        // Welcome mail and its webhook, three direct messages, the order's mail and its webhook: all attempted.
        await().atMost(Duration.ofSeconds(60)).until(() -> rows("SELECT count(*) FROM notification WHERE (customer_id = ? "
                + "OR recipient = ?) AND status <> 'PENDING'", id, person.email()) >= 7);
        assertThat(hits(person)).as("the service holds the person before").isNotEmpty();

        publishCustomerEvent("CustomerErased", id, Map.of("customerId", id.toString(), "status", "ERASED"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM erased_customer WHERE customer_id = ?",
                id) == 1);
        assertThat(hits(person)).isEmpty();
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ? AND recipient = '(erased)'", id))
                .as("the log of each message stays").isGreaterThanOrEqualTo(4);
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ? AND channel = 'EMAIL' AND status = 'SENT'",
                id)).isEqualTo(2);
        assertThat(rows("SELECT count(*) FROM push_device WHERE customer_id = ?", id)).isZero();
        for (Map<String, Object> copy : jdbc.queryForList("SELECT recipient, payload FROM notification "
                + "WHERE customer_id = ? AND channel = 'WEBHOOK'", id)) {
            assertThat((String) copy.get("recipient")).as("the partner's endpoint is the partner's").endsWith(receiver);
            assertThat(json.readTree((String) copy.get("payload")).path("data").toString()).contains(id.toString());
        }

        // An order event about her that comes after the erasure messages nobody, and partners get it without her data.
        UUID lateOrder = UUID.randomUUID();
        Map<String, Object> cancelled = new java.util.LinkedHashMap<>(order(lateOrder, id, "CANCELLED"));
        cancelled.put("reason", "call " + person.phone());
        cancelled.put("actor", "someone");
        String late = publishOrderEvent("OrderCancelled", lateOrder, cancelled);
        String lateId = json.readTree(late).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM camel_messageprocessed "
                + "WHERE processorName = 'notification-order-events' AND messageId = ? AND confirmed", lateId) == 1);
        assertThat(rows("SELECT count(*) FROM notification WHERE event_id = ? AND channel <> 'WEBHOOK'", lateId)).isZero();
        assertThat(rows("SELECT count(*) FROM notification WHERE event_id = ? AND channel = 'WEBHOOK'", lateId)).isEqualTo(1);
        assertThat(hits(person)).isEmpty();
    }

    @Test
    void theNotificationPartOfAnExportIsForTheCustomerServicesAccountOnly() throws Exception {
        Person person = Person.unique();
        UUID id = registerCustomer(person.email(), null, Map.of(), Map.of("givenName", person.givenName()));
        device(id, person.deviceToken());
        send(Map.of("channel", "email", "to", person.email(), "subject", "Straight to you", "text", "Hello"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM notification WHERE (customer_id = ? "
                + "OR recipient = ?) AND channel = 'EMAIL' AND status = 'SENT'", id, person.email()) == 2);
        String path = "/internal/privacy/customers/" + id;

        HttpResponse<String> exported = send(request(path, ServiceClient.CUSTOMER_SERVICE).GET());

        assertThat(exported.statusCode()).isEqualTo(200);
        JsonNode part = body(exported);
        assertThat(part.path("contact").path("email").asText()).isEqualTo(person.email());
        assertThat(part.path("contact").path("givenName").asText()).isEqualTo(person.givenName());
        assertThat(part.path("messages").findValuesAsText("subject")).contains("Straight to you");
        assertThat(part.path("messages").findValuesAsText("eventType")).contains("CustomerRegistered");
        assertThat(part.path("messages").get(0).path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
        assertThat(part.path("devices").get(0).path("token").asText())
                .isEqualTo("..." + person.deviceToken().substring(person.deviceToken().length() - 6));
        assertThat(send(request(path, DemoUser.ADMIN).GET()).statusCode()).isEqualTo(403);
        assertThat(send(request(path, ServiceClient.NOTIFICATION_SERVICE).GET()).statusCode()).isEqualTo(403);
        assertThat(send(request(path, (DemoUser) null).GET()).statusCode()).isEqualTo(401);
    }

    private void subscribeEverything(String receiverPath) throws Exception {
        HttpResponse<String> created = postJson("/api/v1/webhooks/subscriptions", ServiceClient.INTEGRATION_DEMO,
                "{\"url\":\"http://127.0.0.1:" + STAND_INS.port() + receiverPath + "\",\"eventTypes\":[\"*\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        subscriptions.add(UUID.fromString(body(created).path("id").asText()));
    }

    private void send(Map<String, Object> message) throws Exception {
        HttpResponse<String> sent = postJson(NOTIFICATIONS, DemoUser.ADMIN, json.writeValueAsString(message));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    }

    private void device(UUID customerId, String token) {
        jdbc.update("INSERT INTO push_device (id, customer_id, token, platform, created_at) VALUES (?, ?, ?, 'android', ?)",
                UUID.randomUUID(), customerId, token, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static List<PersonalDataSearch.Hit> hits(Person person) throws Exception {
        try (Connection connection = Postgres.database().connect()) {
            return PersonalDataSearch.find(connection, person.texts());
        }
    }

    /** Someone whose address, name, number and device token no other test uses. */
    record Person(String email, String givenName, String familyName, String phone, String deviceToken) {

        static Person unique() {
            String letters = PersonalDataSearch.randomLetters(6);
            return new Person("nia." + UUID.randomUUID() + "@example.com", "Nia" + letters, "Vale" + letters,
                    "+49152" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000),
                    "device-" + UUID.randomUUID());
        }

        List<String> texts() {
            return List.of(email, givenName, familyName, phone, deviceToken);
        }
    }
}
