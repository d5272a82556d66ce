package io.oasis.order.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.order.OrderServiceApplication;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order service's subscription to the customer events, for one of them: {@code CustomerErased}. It is
 * retried until handled (the kernel never dead-letters it), so an order service that was down or failing
 * at the time erases when it can.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerErasedEvents {

    static final String ROUTE_ID = "order-customer-erasure";
    static final String CUSTOMER_ERASED = "CustomerErased";

    @Bean
    EventConsumerRoute orderCustomerErasureRoute(OrderErasure erasure) {
        return new EventConsumerRoute(ROUTE_ID, "{{oasis.topics.customer-events}}", OrderServiceApplication.NAME,
                event -> onCustomerEvent(erasure, event));
    }

    static void onCustomerEvent(OrderErasure erasure, ReceivedEvent event) {
        if (!CUSTOMER_ERASED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data(JsonNode.class);
        erasure.erase(UUID.fromString(data.path("customerId").asText()), data.path("subject").asText(null));
    }
}
