package io.oasis.notification.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.testsupport.KeycloakAccounts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who reads a webhook delivery (the partner's URL, its subscription, the receiver's errors): the integration
 * client that owns the subscription and admins. Not the customer whose order it was about, not support agents,
 * not another partner, even when the delivery concerns that customer.
 */
class WebhookDeliveryAccessTest extends WebhookTestSupport {

    private UUID customer;
    private JsonNode subscription;
    private String subscriptionPath;
    private String webhookDelivery;
    private String email;

    @BeforeEach
    void anOrderOfTheCustomerGoesOutByEmailAndToAPartnersWebhook() throws Exception {
        customer = demoCustomer(DemoUser.CUSTOMER);
        String path = receiverPath("access");
        STAND_INS.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        subscription = subscribe(ServiceClient.INTEGRATION_DEMO, receiverUrl(path), "OrderPlaced");
        subscriptionPath = SUBSCRIPTIONS + "/" + subscription.path("id").asText();
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("OrderPlaced", orderId, order(orderId, customer, "PLACED"));

        webhookDelivery = notificationOf(subscription).toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("SELECT count(*) FROM notification "
                + "WHERE customer_id = ? AND channel = 'EMAIL' AND body_text LIKE ?", customer, "%" + orderId + "%") == 1);
        email = jdbc.queryForObject("SELECT id::text FROM notification WHERE customer_id = ? AND channel = 'EMAIL' "
                + "AND body_text LIKE ?", String.class, customer, "%" + orderId + "%");
        assertThat(jdbc.queryForObject("SELECT customer_id FROM notification WHERE id = ?::uuid", UUID.class,
                webhookDelivery)).as("the webhook delivery is about the customer's order").isEqualTo(customer);
    }

    @Test
    void theCustomerSeesTheirEmailButNotThePartnersWebhook() throws Exception {
        JsonNode mine = body(get(NOTIFICATIONS + "?size=100", DemoUser.CUSTOMER));
        JsonNode asked = body(get(NOTIFICATIONS + "?channel=webhook&size=100", DemoUser.CUSTOMER));
        HttpResponse<String> direct = get(NOTIFICATIONS + "/" + webhookDelivery, DemoUser.CUSTOMER);

        assertThat(mine.path("items").findValuesAsText("id")).contains(email).doesNotContain(webhookDelivery);
        assertThat(mine.path("items").findValuesAsText("channel")).doesNotContain("WEBHOOK");
        assertThat(mine.toString()).doesNotContain(subscription.path("url").asText());
        assertThat(asked.path("items")).isEmpty();
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.body()).doesNotContain(subscription.path("url").asText());
        assertThat(get(NOTIFICATIONS + "/" + email, DemoUser.CUSTOMER).statusCode()).isEqualTo(200);
    }

    @Test
    void supportAgentsSeeTheCustomersMessagesButNotWebhooks() throws Exception {
        JsonNode theirs = body(get(NOTIFICATIONS + "?customerId=" + customer + "&size=100", DemoUser.SUPPORT));

        assertThat(theirs.path("items").findValuesAsText("id")).contains(email).doesNotContain(webhookDelivery);
        assertThat(body(get(NOTIFICATIONS + "?channel=webhook&size=100", DemoUser.SUPPORT)).path("items")).isEmpty();
        assertThat(get(NOTIFICATIONS + "/" + webhookDelivery, DemoUser.SUPPORT).statusCode()).isEqualTo(404);
        assertThat(get(NOTIFICATIONS + "/" + email, DemoUser.SUPPORT).statusCode()).isEqualTo(200);
    }

    @Test
    void theSubscriptionsOwnerListsItsDeliveriesAndReadsEachWithItsAttempts() throws Exception {
        awaitStatus(UUID.fromString(webhookDelivery), "SENT");

        HttpResponse<String> listed = send(request(subscriptionPath + "/deliveries", ServiceClient.INTEGRATION_DEMO).GET());
        HttpResponse<String> sent = send(request(subscriptionPath + "/deliveries?status=sent",
                ServiceClient.INTEGRATION_DEMO).GET());
        HttpResponse<String> failed = send(request(subscriptionPath + "/deliveries?status=failed",
                ServiceClient.INTEGRATION_DEMO).GET());
        HttpResponse<String> one = send(request(NOTIFICATIONS + "/" + webhookDelivery, ServiceClient.INTEGRATION_DEMO).GET());

        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode delivery = body(listed).path("items").get(0);
        assertThat(body(listed).path("total").asLong()).isEqualTo(1);
        assertThat(delivery.path("id").asText()).isEqualTo(webhookDelivery);
        assertThat(delivery.path("channel").asText()).isEqualTo("WEBHOOK");
        assertThat(delivery.path("recipient").asText()).isEqualTo(subscription.path("url").asText());
        assertThat(body(sent).path("items").findValuesAsText("id")).containsExactly(webhookDelivery);
        assertThat(body(failed).path("items")).isEmpty();
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
        // The owner's deliveries, not the customer's e-mail.
        assertThat(send(request(NOTIFICATIONS + "/" + email, ServiceClient.INTEGRATION_DEMO).GET()).statusCode())
                .isEqualTo(404);
        assertThat(send(request(subscriptionPath + "/deliveries?status=lost", ServiceClient.INTEGRATION_DEMO).GET())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void anAdminSeesEveryDelivery() throws Exception {
        JsonNode webhooks = body(get(NOTIFICATIONS + "?customerId=" + customer + "&channel=webhook&size=100",
                DemoUser.ADMIN));

        assertThat(webhooks.path("items").findValuesAsText("id")).contains(webhookDelivery);
        assertThat(get(NOTIFICATIONS + "/" + webhookDelivery, DemoUser.ADMIN).statusCode()).isEqualTo(200);
        assertThat(body(get(subscriptionPath + "/deliveries", DemoUser.ADMIN)).path("items").findValuesAsText("id"))
                .containsExactly(webhookDelivery);
    }

    @Test
    void anotherPartnerSeesNoneOfIt() throws Exception {
        ServiceClient otherPartner = KeycloakAccounts.newServiceClient("integration");

        HttpResponse<String> deliveries = send(request(subscriptionPath + "/deliveries", otherPartner).GET());
        HttpResponse<String> one = send(request(NOTIFICATIONS + "/" + webhookDelivery, otherPartner).GET());

        assertThat(deliveries.statusCode()).isEqualTo(404);
        assertThat(one.statusCode()).isEqualTo(404);
        assertThat(deliveries.body() + one.body()).doesNotContain(subscription.path("url").asText());
        assertThat(send(request(subscriptionPath + "/deliveries", DemoUser.CUSTOMER).GET()).statusCode()).isEqualTo(403);
    }
}
