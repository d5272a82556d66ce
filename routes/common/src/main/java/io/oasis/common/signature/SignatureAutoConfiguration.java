package io.oasis.common.signature;

import io.oasis.common.boot.ClockAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The record of used signatures and its cleanup, in every service with a database. */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class, ClockAutoConfiguration.class })
@ConditionalOnBean(JdbcTemplate.class)
@EnableConfigurationProperties(SignatureProperties.class)
public class SignatureAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public UsedSignatures oasisUsedSignatures(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
            Clock clock, SignatureProperties properties) {
        return new UsedSignatures(jdbcTemplate, new TransactionTemplate(transactionManager), clock,
                properties.getCleanupBatchSize());
    }

    @Bean
    public UsedSignatureCleanupRoute oasisUsedSignatureCleanupRoute(UsedSignatures usedSignatures,
            SignatureProperties properties) {
        return new UsedSignatureCleanupRoute(usedSignatures, properties.getCleanupInterval());
    }
}
