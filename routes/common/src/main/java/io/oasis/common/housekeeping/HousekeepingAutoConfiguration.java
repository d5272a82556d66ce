package io.oasis.common.housekeeping;

import io.oasis.common.boot.ClockAutoConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cleanup of the shared kernel's tables, in every service with a database. */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, ClockAutoConfiguration.class })
@ConditionalOnBean(JdbcTemplate.class)
@EnableConfigurationProperties(HousekeepingProperties.class)
public class HousekeepingAutoConfiguration {

    @Bean
    public Housekeeping oasisHousekeeping(JdbcTemplate jdbcTemplate, Clock clock, HousekeepingProperties properties) {
        return new Housekeeping(jdbcTemplate, clock, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "oasis.housekeeping.enabled", matchIfMissing = true)
    public HousekeepingRoute oasisHousekeepingRoute(Housekeeping housekeeping, HousekeepingProperties properties) {
        return new HousekeepingRoute(housekeeping, properties.getInterval());
    }
}
