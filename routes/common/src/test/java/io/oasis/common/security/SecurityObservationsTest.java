package io.oasis.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Requests are timed once, as http.server.requests, not once more per filter of the security chain. */
class SecurityObservationsTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void theSecurityChainIsNotObservedFilterByFilter() throws Exception {
        assertThat(send(request("/api/v1/samples/fail")).statusCode()).isEqualTo(500);
        assertThat(send(request("/api/v1/private")).statusCode()).isEqualTo(401);

        assertThat(meters.find("http.server.requests").timers()).as("requests are timed").isNotEmpty();
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.security."));
    }
}
