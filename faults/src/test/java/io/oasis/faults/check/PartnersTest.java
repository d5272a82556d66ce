package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.oasis.faults.check.Observations.Sms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partners' stand-in as the checker reads its journal and the provider scenarios steer its answers. */
class PartnersTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer wiremock;
    private Partners partners;

    @BeforeEach
    void start() {
        wiremock = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wiremock.start();
        partners = new Partners(wiremock.baseUrl());
    }

    @AfterEach
    void stop() {
        wiremock.stop();
    }

    @Test
    void readsTheSmsFormsAndTheWebhookIdsFromTheJournal() throws Exception {
        post("/twilio/2010-04-01/Accounts/AC1/Messages.json", "application/x-www-form-urlencoded",
                "To=%2B4915100000001&From=Oasis&Body=Your+order+has+been+delivered", null);
        post("/webhooks/faults-run-1", "application/json", "{}", "msg_1");
        post("/webhooks/faults-run-1", "application/json", "{}", "msg_1");
        post("/webhooks/another-run", "application/json", "{}", "msg_2");

        post("/warehouse/reservations", "application/json", "{}", null, "reserve-1");
        post("/warehouse/reservations", "application/json", "{}", null, "reserve-1");
        post("/carrier/shipments", "application/json", "{}", null, "shipment-1");

        assertThat(partners.partnerCallKeys()).containsExactlyInAnyOrder("reserve-1", "reserve-1", "shipment-1");
        assertThat(partners.smsRequests()).containsExactly(new Sms("+4915100000001", "Your order has been delivered"));
        assertThat(partners.webhookIds("/webhooks/faults-run-1")).containsExactly("msg_1", "msg_1");
    }

    @Test
    void aStubMakesTheProviderFailUntilItIsRemoved() throws Exception {
        String id = partners.stub("""
                {"request": {"method": "POST", "urlPathPattern": "/webhooks/.*"}, "response": {"status": 410}}""");

        assertThat(post("/webhooks/x", "application/json", "{}", "msg_3")).isEqualTo(410);
        partners.removeStub(id);
        assertThat(post("/webhooks/x", "application/json", "{}", "msg_4")).isEqualTo(404);
    }

    private int post(String path, String type, String body, String webhookId) throws Exception {
        return post(path, type, body, webhookId, null);
    }

    private int post(String path, String type, String body, String webhookId, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(wiremock.baseUrl() + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (webhookId != null) {
            request.header("webhook-id", webhookId);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
