package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

class ReserveInventoryConnectorTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("reserve-inventory")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL + "/warehouse");

    private static final Map<String, Object> ORDER = Map.of("orderId", "o-1",
            "items", "[{\"sku\":\"DESK-1\",\"quantity\":2}]", "customerId", "c-1");

    @Test
    void reservesTheItemsAndReturnsTheReservationId() {
        kit.wiremock().stubFor(post("/warehouse/reservations").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"reservationId\":\"res-42\"}")));

        assertThat(kit.call(Map.of(), ORDER).outputs()).containsExactlyEntriesOf(Map.of("reservationId", "res-42"));
        kit.wiremock().verify(postRequestedFor(urlEqualTo("/warehouse/reservations"))
                .withHeader("Idempotency-Key", equalTo("reserve-o-1"))
                .withRequestBody(equalToJson("{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"DESK-1\",\"quantity\":2}]}")));
    }

    @Test
    void anItemOutOfStockIsTheBpmnErrorOutOfStock() {
        kit.wiremock().stubFor(post("/warehouse/reservations").willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"out-of-stock\",\"sku\":\"DESK-1\"}")));

        var error = kit.call(Map.of(), ORDER).bpmnError();

        assertThat(error.code()).isEqualTo("OutOfStock");
        assertThat(error.message()).contains("409").contains("DESK-1");
    }

    @Test
    void aServerErrorFailsTheCallSoTheJobIsRetried() {
        kit.wiremock().stubFor(post("/warehouse/reservations").willReturn(aResponse().withStatus(503)));

        assertThat(kit.call(Map.of(), ORDER).failure()).hasMessageContaining("HTTP 503");
        assertThat(kit.meters().get("oasis.connector.calls").tag("connector", "reserve-inventory")
                .tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(post("/warehouse/reservations").willReturn(aResponse().withStatus(201)
                .withFixedDelay(3_000).withBody("{\"reservationId\":\"late\"}")));

        assertThat(kit.call(Map.of(), ORDER, Duration.ofMillis(300)).failure()).hasMessageContaining("no answer within 300 ms");
    }
}
