package io.oasis.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;

/** Keeps Camel's metrics scrapeable by Prometheus, and gives camel-kafka's clients their meters. */
@AutoConfiguration
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsAutoConfiguration {

    /** Camel's timer of every exchange sent to an endpoint (camel-micrometer's exchange event notifier). */
    private static final String CAMEL_EXCHANGE_EVENTS = "camel.exchange.event.notifier";
    private static final String ROUTE_ID = "routeId";
    /** The route of an exchange no route created: a ProducerTemplate's, such as the outbox relay's Kafka sends. */
    private static final String NO_ROUTE = "none";

    /**
     * Camel tags an exchange's timer with its route, and leaves the tag out for an exchange that no route
     * created. Prometheus takes one set of tag keys per meter name: whichever kind came second was refused
     * (with a warning at the first one), and its timings were lost. Every such timer now has the tag.
     */
    @Bean
    MeterFilter camelExchangeEventsRouteTag() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (CAMEL_EXCHANGE_EVENTS.equals(id.getName()) && id.getTag(ROUTE_ID) == null) {
                    return id.withTag(Tag.of(ROUTE_ID, NO_ROUTE));
                }
                return id;
            }
        };
    }

    /**
     * Kafka's app-info meters (client version, start time) are the only names producers and consumers share;
     * a consumer's carry its group and a producer's cannot, and Prometheus takes one set of tag keys per name
     * (the second was refused with a warning). They tell an operator nothing the lag and rates do not.
     */
    @Bean
    MeterFilter kafkaAppInfoDenied() {
        return MeterFilter.denyNameStartsWith("kafka.app.info");
    }

    /**
     * Consumer lag per group, and the rest of the Kafka clients' own metrics: the kafka component gets the metered
     * client factory before the routes start, unless something else set one of its own. (camel-kafka marks the
     * option autowired, and a ComponentCustomizer is the documented hook, but with either the component came up
     * with its default factory in some starts here; this step runs once, after every bean exists.)
     */
    @Bean
    @ConditionalOnClass(KafkaComponent.class)
    CamelContextConfiguration oasisKafkaClientMetrics(ObjectProvider<MeterRegistry> meters) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                KafkaComponent kafka = camel.getComponent("kafka", KafkaComponent.class);
                KafkaClientFactory current = kafka.getKafkaClientFactory();
                if (current == null || current.getClass() == DefaultKafkaClientFactory.class) {
                    kafka.setKafkaClientFactory(new MeteredKafkaClientFactory(meters::getObject));
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // Nothing to do once started.
            }
        };
    }
}
