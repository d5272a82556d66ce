package io.oasis.order.payment;

import io.oasis.common.consumer.EventConsumerRoute;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.order.order.OrderService;
import io.oasis.order.order.PaymentNotice;
import io.oasis.order.process.OrderProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order service's subscription to {@code oasis.payment.events}: {@code PaymentReceived} and
 * {@code PaymentDeclined} are delivered to the order's waiting process (a payment's amount and currency
 * must be the order's total, as for the webhook). The kernel's consumer drops
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
        PaymentNotice data = event.data(PaymentNotice.class);
        // The event's type says what happened, whatever its data's outcome.
        PaymentNotice notice = new PaymentNotice(data.orderId(), data.paymentId(), received ? "paid" : "declined",
                data.amount(), data.currency(), null);
        notice.checkMoney();
        // A refused payment is noted on the order, logged and counted there; the event itself is handled.
        orders.payment(notice);
    }
}
