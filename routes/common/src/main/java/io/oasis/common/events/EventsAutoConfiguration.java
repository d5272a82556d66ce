package io.oasis.common.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

/**
 * The CloudEvents mapper, with {@code source = /oasis/<spring.application.name>}, and exact decimals in every
 * service's JSON: a number with a fraction (an amount in an event's data, say) is read as a BigDecimal, in
 * trees and untyped maps too, and keeps its trailing zeros, so {@code 25.00} is passed on as {@code 25.00},
 * never through a double.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
public class EventsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public CloudEventMapper oasisCloudEventMapper(ObjectMapper objectMapper,
            @Value("${spring.application.name:oasis}") String serviceName) {
        return new CloudEventMapper(objectMapper, serviceName);
    }

    @Bean
    public Jackson2ObjectMapperBuilderCustomizer oasisExactDecimals() {
        return builder -> builder.featuresToEnable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .postConfigurer(mapper -> mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false));
    }
}
