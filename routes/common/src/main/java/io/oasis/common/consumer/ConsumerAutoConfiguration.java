package io.oasis.common.consumer;

import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.oasis.common.boot.ClockAutoConfiguration;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.events.EventsAutoConfiguration;
import io.oasis.common.metrics.MetricsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.tracing.TraceParents;
import io.oasis.common.tracing.TracingAutoConfiguration;

/**
 * What {@link EventConsumerRoute}s need, in every service with a DataSource, and the dead letters' store and
 * endpoints that a service's {@link DeadLetterRoutes} serve.
 */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class, EventsAutoConfiguration.class, ClockAutoConfiguration.class,
        TracingAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties({ ConsumerProperties.class, MetricsProperties.class })
public class ConsumerAutoConfiguration {

    @Bean(DeadLetterRecorder.BEAN_NAME)
    public DeadLetterRecorder oasisDeadLetterRecorder(JdbcTemplate jdbcTemplate, ConsumerProperties properties) {
        return new DeadLetterRecorder(jdbcTemplate, properties.getRetriedUntilHandled());
    }

    @Bean
    public EventConsumerSupport oasisEventConsumerSupport(DataSource dataSource,
            PlatformTransactionManager transactionManager, CloudEventMapper mapper, ConsumerProperties properties,
            TraceParents traceParents) {
        return new EventConsumerSupport(dataSource, new TransactionTemplate(transactionManager), mapper, properties,
                traceParents);
    }

    @Bean
    public DeadLetters oasisDeadLetters(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
            CamelContext camelContext, Clock clock) {
        return new DeadLetters(jdbcTemplate, new TransactionTemplate(transactionManager),
                camelContext.createProducerTemplate(), clock);
    }

    @Bean
    public DeadLetterEndpoints oasisDeadLetterEndpoints(DeadLetters deadLetters) {
        return new DeadLetterEndpoints(deadLetters);
    }

    @Bean
    public DeadLetterMeters oasisDeadLetterMeters(JdbcTemplate jdbcTemplate, MeterRegistry meters,
            MetricsProperties metrics, ObjectProvider<EventConsumerRoute> consumers) {
        return new DeadLetterMeters(jdbcTemplate, meters, metrics.getRefreshInterval(),
                consumers.orderedStream().map(EventConsumerRoute::routeId).toList());
    }
}
