package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notification service's API through the gateway: its upstream, its roles, its contract, Twilio's callback. */
class NotificationRoutingTest extends GatewayTest {

    private static final String SEND = "{\"channel\":\"sms\",\"to\":\"+4915112345678\",\"text\":\"Your code is 1234\"}";

    @BeforeEach
    void forgetEarlierRequests() {
        CUSTOMER_SERVICE.clear();
        NOTIFICATION_SERVICE.clear();
    }

    @Test
    void aCustomersNotificationListGoesToTheNotificationServiceWithTheirToken() throws Exception {
        String token = Keycloak.accessToken(DemoUser.CUSTOMER);
        String path = "/api/v1/notifications?status=delivered&channel=email&page=0&size=10";

        HttpResponse<String> response = get(path, token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"echo\":\"GET\"}");
        StubService.Recorded forwarded = NOTIFICATION_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("GET");
        assertThat(forwarded.uri()).isEqualTo(path);
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(CUSTOMER_SERVICE.pending()).as("requests that reached the customer service").isZero();
    }

    @Test
    void theDevicesPathIsNotTakenForANotificationId() throws Exception {
        // /notifications/{id} would refuse "devices" as not a UUID; the literal path must win.
        HttpResponse<String> response = get("/api/v1/notifications/devices", Keycloak.accessToken(DemoUser.CUSTOMER));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(NOTIFICATION_SERVICE.next().uri()).isEqualTo("/api/v1/notifications/devices");
    }

    @Test
    void aCustomerMayNotSendMessagesDirectly() throws Exception {
        String token = Keycloak.accessToken(DemoUser.CUSTOMER);

        HttpResponse<String> response = postJson("/api/v1/notifications", token, SEND);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("urn:oasis:problem:forbidden");
        assertThat(NOTIFICATION_SERVICE.pending()).as("requests that reached the service").isZero();
    }

    @Test
    void anIntegrationClientSendsAMessageThroughTheGateway() throws Exception {
        String token = Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO);

        HttpResponse<String> response = send(request("/api/v1/notifications", token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "send-1")
                .POST(HttpRequest.BodyPublishers.ofString(SEND)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        StubService.Recorded forwarded = NOTIFICATION_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.uri()).isEqualTo("/api/v1/notifications");
        assertThat(forwarded.body()).isEqualTo(SEND);
        assertThat(forwarded.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(forwarded.header("Idempotency-Key")).isEqualTo("send-1");
    }

    @Test
    void anUnknownChannelIs400WithTheFieldAndNeverReachesTheService() throws Exception {
        String fax = "{\"channel\":\"fax\",\"to\":\"+4915112345678\"}";

        HttpResponse<String> response = postJson("/api/v1/notifications",
                Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO), fax);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:oasis:problem:validation");
        assertThat(problem.path("errors").findValuesAsText("field")).containsExactly("channel");
        assertThat(NOTIFICATION_SERVICE.pending()).as("requests that reached the service").isZero();
    }

    @Test
    void webhookSubscriptionsAreForIntegrationClientsNotCustomers() throws Exception {
        String subscription = "{\"url\":\"https://shop.example.com/hooks\",\"eventTypes\":[\"OrderShipped\"]}";

        assertThat(postJson("/api/v1/webhooks/subscriptions", Keycloak.accessToken(DemoUser.CUSTOMER), subscription)
                .statusCode()).isEqualTo(403);
        assertThat(NOTIFICATION_SERVICE.pending()).isZero();
        assertThat(postJson("/api/v1/webhooks/subscriptions", Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO),
                "{\"url\":\"https://shop.example.com/hooks\",\"eventTypes\":[]}").statusCode()).isEqualTo(400);
        assertThat(NOTIFICATION_SERVICE.pending()).isZero();

        HttpResponse<String> created = postJson("/api/v1/webhooks/subscriptions",
                Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO), subscription);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(NOTIFICATION_SERVICE.next().body()).isEqualTo(subscription);
    }

    @Test
    void aSubscriptionsDeliveriesAreForIntegrationClientsAndAdminsOnly() throws Exception {
        String deliveries = "/api/v1/webhooks/subscriptions/" + UUID.randomUUID() + "/deliveries?status=failed";

        assertThat(get(deliveries, Keycloak.accessToken(DemoUser.CUSTOMER)).statusCode()).isEqualTo(403);
        assertThat(get(deliveries, Keycloak.accessToken(DemoUser.SUPPORT)).statusCode()).isEqualTo(403);
        assertThat(NOTIFICATION_SERVICE.pending()).as("requests that reached the service").isZero();

        HttpResponse<String> owner = get(deliveries, Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO));
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        assertThat(NOTIFICATION_SERVICE.next().uri()).isEqualTo(deliveries);
        // One delivery with its attempts: the service shows it to the subscription's owner only.
        String one = "/api/v1/notifications/" + UUID.randomUUID();
        assertThat(get(one, Keycloak.accessToken(ServiceClient.INTEGRATION_DEMO)).statusCode()).isEqualTo(200);
        assertThat(NOTIFICATION_SERVICE.next().uri()).isEqualTo(one);
        assertThat(get(one, Keycloak.accessToken(DemoUser.MANAGER)).statusCode()).isEqualTo(403);
        assertThat(NOTIFICATION_SERVICE.pending()).isZero();
    }

    @Test
    void twilioStatusCallbacksReachTheServiceWithoutATokenAsTheSignedForm() throws Exception {
        // Twilio signs the URL and these fields: they must arrive exactly as sent, encoding included.
        String form = "MessageSid=SM0123456789abcdef&MessageStatus=undelivered&ErrorCode=30003"
                + "&To=%2B4915112345678&ApiVersion=2010-04-01";

        HttpResponse<String> response = send(request("/api/v1/notifications/twilio/status", ANONYMOUS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "c2lnbmVkLWJ5LXR3aWxpbw==")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        StubService.Recorded forwarded = NOTIFICATION_SERVICE.next();
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.uri()).isEqualTo("/api/v1/notifications/twilio/status");
        assertThat(forwarded.body()).isEqualTo(form);
        assertThat(forwarded.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(forwarded.header("X-Twilio-Signature")).isEqualTo("c2lnbmVkLWJ5LXR3aWxpbw==");
        assertThat(forwarded.header("Authorization")).isNull();
        // The form's fields stay in the body: none of them turns into a header.
        assertThat(forwarded.header("MessageSid")).isNull();
    }

    @Test
    void aTwilioCallbackWithoutItsSignatureOrFieldsStopsAtTheGateway() throws Exception {
        HttpResponse<String> unsigned = send(request("/api/v1/notifications/twilio/status", ANONYMOUS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1&MessageStatus=sent")));
        HttpResponse<String> noStatus = send(request("/api/v1/notifications/twilio/status", ANONYMOUS)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", "c2lnbmVk")
                .POST(HttpRequest.BodyPublishers.ofString("MessageSid=SM1")));

        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(400);
        assertThat(JSON.readTree(unsigned.body()).path("errors").findValuesAsText("field"))
                .containsExactly("X-Twilio-Signature");
        assertThat(noStatus.statusCode()).as(noStatus.body()).isEqualTo(400);
        assertThat(noStatus.body()).contains("MessageStatus");
        assertThat(NOTIFICATION_SERVICE.pending()).as("requests that reached the service").isZero();
    }
}
