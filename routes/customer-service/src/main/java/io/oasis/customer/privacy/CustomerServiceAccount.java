package io.oasis.customer.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.ServiceAccountToken;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The customer service's own token (client {@code customer-service}), for gathering exports from the other services. */
@Configuration(proxyBeanMethods = false)
class CustomerServiceAccount {

    @Bean
    ServiceAccountToken customerServiceToken(ObjectMapper json, Clock clock,
            @Value("${oasis.customer.token-uri}") String tokenUri,
            @Value("${oasis.customer.client-id}") String clientId,
            @Value("${oasis.customer.client-secret}") String clientSecret) {
        return new ServiceAccountToken(json, clock, tokenUri, clientId, clientSecret);
    }
}
