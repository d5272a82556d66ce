package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.testsupport.connector.ConnectorKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReleaseInventoryConnectorTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("release-inventory")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL + "/warehouse");

    private static final Map<String, Object> RESERVED = Map.of("orderId", "o-1", "reservationId", "res-42");

    @Test
    void givesTheReservationBack() {
        kit.wiremock().stubFor(delete("/warehouse/reservations/res-42").willReturn(aResponse().withStatus(204)));

        assertThat(kit.call(Map.of(), RESERVED).outputs()).containsExactlyEntriesOf(Map.of("inventoryReleased", true));
        kit.wiremock().verify(deleteRequestedFor(urlEqualTo("/warehouse/reservations/res-42")));
    }

    @Test
    void aReservationTheWarehouseDoesNotKnowIsTheBpmnErrorReservationUnknown() {
        kit.wiremock().stubFor(delete("/warehouse/reservations/res-42").willReturn(aResponse().withStatus(404)));

        assertThat(kit.call(Map.of(), RESERVED).bpmnErrorCode()).isEqualTo("ReservationUnknown");
    }

    @Test
    void aServerErrorFailsTheCall() {
        kit.wiremock().stubFor(delete("/warehouse/reservations/res-42").willReturn(aResponse().withStatus(500)));

        assertThat(kit.call(Map.of(), RESERVED).failure()).hasMessageContaining("HTTP 500");
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCall() {
        kit.wiremock().stubFor(delete("/warehouse/reservations/res-42").willReturn(aResponse().withStatus(204)
                .withFixedDelay(3_000)));

        assertThat(kit.call(Map.of(), RESERVED, Duration.ofMillis(300)).failure()).hasMessageContaining("no answer within");
    }
}
