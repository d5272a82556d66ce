package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.testsupport.connector.ConnectorKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefundPaymentConnectorTest {

    private static final String API_KEY = "test-only-payments-key";

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("refund-payment")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL + "/payments")
            .configure("apiKey", API_KEY);

    private static final Map<String, Object> PAID = Map.of("orderId", "o-1", "paymentId", "pay-7",
            "refundAmount", "129.50", "currency", "EUR");

    @Test
    void refundsWithTheConfiguredApiKey() {
        kit.wiremock().stubFor(post("/payments/refunds").withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"refundId\":\"ref-9\"}")));

        assertThat(kit.call(Map.of(), PAID).outputs()).containsExactlyEntriesOf(Map.of("refundId", "ref-9"));
        kit.wiremock().verify(postRequestedFor(urlEqualTo("/payments/refunds")).withRequestBody(equalToJson(
                "{\"paymentId\":\"pay-7\",\"orderId\":\"o-1\",\"amount\":129.50,\"currency\":\"EUR\"}"))
                .withRequestBody(containing("\"amount\":129.50,")));
    }

    @Test
    void aRefusedRefundIsTheBpmnErrorRefundRejected() {
        kit.wiremock().stubFor(post("/payments/refunds").willReturn(aResponse().withStatus(422)
                .withBody("{\"error\":\"already refunded\"}")));

        assertThat(kit.call(Map.of(), PAID).bpmnErrorCode()).isEqualTo("RefundRejected");
    }

    @Test
    void aServerErrorFailsTheCallAndItsMessageHoldsNoSecret() {
        kit.wiremock().stubFor(post("/payments/refunds").willReturn(aResponse().withStatus(502)));

        var failure = kit.call(Map.of(), PAID).failure();

        assertThat(failure).hasMessageContaining("HTTP 502");
        assertThat(failure.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void anUnauthorisedAnswerIsNotABusinessOutcome() {
        kit.wiremock().stubFor(post("/payments/refunds").willReturn(aResponse().withStatus(401)));

        assertThat(kit.call(Map.of(), PAID).failure()).hasMessageContaining("HTTP 401");
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(post("/payments/refunds").willReturn(aResponse().withStatus(201).withFixedDelay(3_000)));

        assertThat(kit.call(Map.of(), PAID, Duration.ofMillis(300)).failure()).hasMessageContaining("no answer within");
    }

    @Test
    void theApiKeyCannotComeFromADiagram() {
        assertThat(kit.call(Map.of("apiKey", "typed-into-bpmn"), PAID).failure())
                .hasMessageContaining("set in configuration (camel.kamelet.refund-payment.apiKey)");
    }
}
