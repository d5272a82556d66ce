package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

class CreateShipmentConnectorTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("create-shipment")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL + "/carrier");

    /** The address as the order service writes it: JSON text, quotes in it escaped. */
    private static final String ADDRESS = "{\"name\":\"Cora \\\"CC\\\" Customer\",\"line1\":\"Hauptstr. 1\",\"line2\":null,"
            + "\"postalCode\":\"10115\",\"city\":\"Berlin\",\"region\":null,\"country\":\"DE\"}";
    private static final Map<String, Object> ORDER = Map.of("orderId", "o-1", "shippingAddress", ADDRESS);

    @Test
    void booksTheShipmentToTheOrdersAddressAndReturnsTheTrackingIdAndLink() {
        kit.wiremock().stubFor(post("/carrier/shipments").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"trackingId\":\"TRK-1\",\"trackingUrl\":\"https://carrier.example/track/TRK-1\"}")));

        assertThat(kit.call(Map.of("service", "express"), ORDER).outputs())
                .containsExactlyInAnyOrderEntriesOf(Map.of("trackingId", "TRK-1",
                        "trackingUrl", "https://carrier.example/track/TRK-1"));
        kit.wiremock().verify(postRequestedFor(urlEqualTo("/carrier/shipments")).withRequestBody(
                equalToJson("{\"orderId\":\"o-1\",\"reference\":\"o-1\",\"service\":\"express\",\"address\":" + ADDRESS + "}")));
    }

    @Test
    void theServiceLevelDefaultsToStandard() {
        kit.wiremock().stubFor(post("/carrier/shipments").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"trackingId\":\"TRK-2\"}")));

        kit.call(Map.of(), ORDER).outputs();

        kit.wiremock().verify(postRequestedFor(urlEqualTo("/carrier/shipments"))
                .withRequestBody(equalToJson("{\"service\":\"standard\"}", true, true)));
    }

    @Test
    void aRefusedShipmentIsTheBpmnErrorShipmentRefused() {
        kit.wiremock().stubFor(post("/carrier/shipments").willReturn(aResponse().withStatus(422)));

        assertThat(kit.call(Map.of(), ORDER).bpmnErrorCode()).isEqualTo("ShipmentRefused");
    }

    @Test
    void aServerErrorFailsTheCall() {
        kit.wiremock().stubFor(post("/carrier/shipments").willReturn(aResponse().withStatus(503)));

        assertThat(kit.call(Map.of(), ORDER).failure()).hasMessageContaining("HTTP 503");
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(post("/carrier/shipments").willReturn(aResponse().withStatus(201).withFixedDelay(3_000)));

        assertThat(kit.call(Map.of(), ORDER, Duration.ofMillis(300)).failure()).hasMessageContaining("no answer within");
    }
}
