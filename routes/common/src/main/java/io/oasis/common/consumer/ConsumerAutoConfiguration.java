package io.oasis.common.consumer;

import javax.sql.DataSource;

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

import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.events.EventsAutoConfiguration;
import io.oasis.common.tracing.TraceParents;
import io.oasis.common.tracing.TracingAutoConfiguration;

/** What {@link EventConsumerRoute}s need, in every service with a DataSource. */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class, EventsAutoConfiguration.class,
        TracingAutoConfiguration.class })
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(ConsumerProperties.class)
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
}
