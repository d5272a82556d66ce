package io.oasis.common.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.boot.ClockAutoConfiguration;
import io.oasis.common.events.EventsAutoConfiguration;
import io.oasis.common.metrics.MetricsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.tracing.TraceParents;
import io.oasis.common.tracing.TracingAutoConfiguration;

/** The outbox writer and, unless {@code oasis.outbox.relay-enabled=false}, the relay route, in every service with a DataSource. */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, EventsAutoConfiguration.class,
        ClockAutoConfiguration.class, TracingAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ OutboxProperties.class, MetricsProperties.class })
public class OutboxAutoConfiguration {

    @Bean
    public OutboxWriter oasisOutboxWriter(JdbcTemplate jdbcTemplate, ObjectMapper objectMapper,
            TraceParents traceParents) {
        return new OutboxWriter(jdbcTemplate, objectMapper, traceParents);
    }

    @Bean
    public OutboxRelay oasisOutboxRelay(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
            CamelContext camelContext, CloudEventMapper mapper, OutboxProperties properties, TraceParents traceParents) {
        return new OutboxRelay(jdbcTemplate, new TransactionTemplate(transactionManager),
                camelContext.createProducerTemplate(), mapper, properties.getKafkaOptions(), properties.getBatchSize(),
                traceParents);
    }

    @Bean
    @ConditionalOnProperty(name = "oasis.outbox.relay-enabled", matchIfMissing = true)
    public OutboxRelayRoute oasisOutboxRelayRoute(OutboxRelay relay, OutboxProperties properties) {
        return new OutboxRelayRoute(relay, properties.getPollInterval());
    }

    @Bean
    public OutboxMeters oasisOutboxMeters(JdbcTemplate jdbcTemplate, Clock clock, MeterRegistry meters,
            MetricsProperties metrics) {
        return new OutboxMeters(jdbcTemplate, clock, meters, metrics.getRefreshInterval());
    }
}
