package io.oasis.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.http.ServiceClient;
import io.oasis.common.security.ServiceAccountToken;
import io.oasis.notification.delivery.DeliverySettings;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(DeliverySettings.class)
class NotificationConfiguration {

    /** This service's own token (client {@code notification-service}), for the customer service's REST fallback. */
    @Bean
    ServiceAccountToken notificationServiceToken(ObjectMapper json, Clock clock,
            @Value("${oasis.notification.token-uri}") String tokenUri,
            @Value("${oasis.notification.client-id}") String clientId,
            @Value("${oasis.notification.client-secret}") String clientSecret) {
        return new ServiceAccountToken(json, clock, tokenUri, clientId, clientSecret);
    }

    /** Calls to the customer service's instances, for a customer not yet in this service's projection. */
    @Bean
    ServiceClient notificationCustomerClient(@Value("${oasis.services.customer-url}") String baseUrls,
            @Value("${oasis.notification.customer-timeout-millis}") int timeoutMillis) {
        return new ServiceClient("notification", "customer", baseUrls, Duration.ofMillis(timeoutMillis));
    }
}
