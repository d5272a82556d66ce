package io.oasis.order.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.ServiceAccountToken;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The order service's own token (client {@code order-service}), for its calls to the customer service. */
@Configuration
class ServiceAccountConfiguration {

    @Bean
    ServiceAccountToken orderServiceToken(ObjectMapper json, Clock clock, @Value("${oasis.order.token-uri}") String tokenUri,
            @Value("${oasis.order.client-id}") String clientId, @Value("${oasis.order.client-secret}") String clientSecret) {
        return new ServiceAccountToken(json, clock, tokenUri, clientId, clientSecret);
    }
}
