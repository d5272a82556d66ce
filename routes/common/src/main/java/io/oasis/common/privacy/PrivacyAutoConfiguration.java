package io.oasis.common.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The erasure of the kernel's own tables, for every service with a database. */
@AutoConfiguration(after = { JdbcTemplateAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnBean(JdbcTemplate.class)
public class PrivacyAutoConfiguration {

    @Bean
    public SharedTableErasure oasisSharedTableErasure(JdbcTemplate jdbcTemplate, ObjectMapper objectMapper) {
        return new SharedTableErasure(jdbcTemplate, objectMapper);
    }
}
