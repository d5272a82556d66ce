package io.oasis.common.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The CloudEvents mapper, with {@code source = /oasis/<spring.application.name>}. */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public CloudEventMapper oasisCloudEventMapper(ObjectMapper objectMapper,
            @Value("${spring.application.name:oasis}") String serviceName) {
        return new CloudEventMapper(objectMapper, serviceName);
    }
}
