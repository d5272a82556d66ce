package io.oasis.order.payment;

import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.order.order.OrderService;
import io.oasis.order.process.OrderProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order service's subscription to {@code oasis.payment.events}: {@code PaymentReceived} and
 * {@code PaymentDeclined} are delivered to the order's waiting process. The kernel's consumer drops
 * events it has seen; a payment already applied under another event id changes nothing either.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentEvents.class);

    @Bean
    EventConsumerRoute paymentEventsRoute(OrderService orders) {
        return new EventConsumerRoute("order-payment-events", "{{oasis.topics.payment-events}}", "order-service",
                event -> onPaymentEvent(orders, event));
    }

    static void onPaymentEvent(OrderService orders, ReceivedEvent event) {
        boolean received = OrderProcess.MESSAGE_PAYMENT_RECEIVED.equals(event.type());
        if (!received && !OrderProcess.MESSAGE_PAYMENT_DECLINED.equals(event.type())) {
            LOG.debug("Ignoring payment event {} of type {}", event.id(), event.type());
            return;
        }
        PaymentNotice notice = event.data(PaymentNotice.class);
        orders.paymentOutcome(notice.orderId(), notice.paymentId(), received);
    }
}
