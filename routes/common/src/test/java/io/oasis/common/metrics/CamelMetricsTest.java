package io.oasis.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.oasis.common.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Camel's timings reach Prometheus both for the routes' exchanges and for those sent with a ProducerTemplate. */
class CamelMetricsTest extends IntegrationTest {

    private static final String EXCHANGE_TIMER = "camel_exchange_event_notifier_seconds_count\\{[^}]*";

    @Autowired
    PrometheusMeterRegistry prometheus;
    @Autowired
    ProducerTemplate producer;

    @Test
    void exchangesSentOutsideAnyRouteAreScrapedBesideTheRoutesOwn() throws Exception {
        createSample("timed", 1);
        producer.sendBody("log:oasis.metrics.check?level=OFF", "probe");

        String scrape = prometheus.scrape();
        assertThat(scrape).as("an exchange of a route, tagged with it")
                .containsPattern(EXCHANGE_TIMER + "routeId=\"(?!none\")[^\"]+\"");
        assertThat(scrape).as("the ProducerTemplate's exchange, with no route")
                .containsPattern(EXCHANGE_TIMER + "endpointName=\"[^\"]*oasis.metrics.check[^\"]*\"[^}]*routeId=\"none\"");
    }
}
