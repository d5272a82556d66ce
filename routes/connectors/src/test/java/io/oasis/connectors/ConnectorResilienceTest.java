package io.oasis.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.testsupport.connector.ConnectorKit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What every connector gets from the runtime, shown on one: breaker, business outcomes, metrics. */
class ConnectorResilienceTest {

    @RegisterExtension
    static final ConnectorKit kit = ConnectorKit.connector("reserve-inventory")
            .configure("baseUrl", ConnectorKit.WIREMOCK_URL);

    private static final Map<String, Object> ORDER = Map.of("orderId", "o-1", "items", "[]");

    @Test
    void theCircuitBreakerStopsCallingASystemThatKeepsFailing() {
        kit.wiremock().stubFor(post("/reservations").willReturn(aResponse().withStatus(503)));

        for (int i = 0; i < 5; i++) {
            assertThat(kit.call(Map.of(), ORDER).failure()).hasMessageContaining("HTTP 503");
        }
        assertThat(kit.call(Map.of(), ORDER).failure()).hasMessageContaining("circuit breaker open");

        kit.wiremock().verify(5, postRequestedFor(urlEqualTo("/reservations")));
        assertThat(kit.meters().get("oasis.connector.calls").tag("outcome", "rejected").timer().count()).isEqualTo(1);
    }

    @Test
    void businessOutcomesDoNotOpenTheBreaker() {
        kit.wiremock().stubFor(post("/reservations").willReturn(aResponse().withStatus(409)));

        for (int i = 0; i < 8; i++) {
            assertThat(kit.call(Map.of(), ORDER).bpmnErrorCode()).isEqualTo("OutOfStock");
        }
        kit.wiremock().verify(8, postRequestedFor(urlEqualTo("/reservations")));
    }

    @Test
    void anUndeclared4xxIsAFailureNotABusinessOutcome() {
        kit.wiremock().stubFor(post("/reservations").willReturn(aResponse().withStatus(400).withBody("bad items")));

        assertThat(kit.call(Map.of(), ORDER).failure()).hasMessageContaining("HTTP 400").hasMessageContaining("bad items");
    }

    @Test
    void aPropertyTheConnectorDoesNotHaveIsRefused() {
        assertThat(kit.call(Map.of("colour", "blue"), ORDER).failure()).hasMessageContaining("has no property 'colour'");
    }

    @Test
    void callsAreCountedAndTimedByConnectorAndOutcome() {
        kit.wiremock().stubFor(post("/reservations").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"reservationId\":\"r\"}")));

        kit.call(Map.of(), ORDER).outputs();
        kit.call(Map.of(), ORDER).outputs();

        assertThat(kit.meters().get("oasis.connector.calls").tag("connector", "reserve-inventory")
                .tag("outcome", "success").timer().count()).isEqualTo(2);
    }
}
