package io.oasis.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oasis.common.events.CloudEventMapper;
import io.oasis.notification.NotificationServiceTestBase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An event becomes one notification per channel it has a template for, addressed and worded for the customer. */
class EventPlanningTest extends NotificationServiceTestBase {

    @Autowired
    private EventNotifications eventNotifications;
    @Autowired
    private CloudEventMapper mapper;

    @Test
    void anOrderEventIsWordedInTheCustomersLocale() throws Exception {
        String email = uniqueEmail("planned");
        UUID customerId = registerCustomer(email, null, Map.of("locale", "de-AT"));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customerId, "SHIPPED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderShipped' "
                        + "AND channel = 'EMAIL'", customerId) == 1);
        Map<String, Object> mail = jdbc.queryForMap(
                "SELECT recipient, template, locale, subject, body_text, body_html FROM notification "
                        + "WHERE customer_id = ? AND event_type = 'OrderShipped' AND channel = 'EMAIL'", customerId);
        assertThat(mail.get("recipient")).isEqualTo(email);
        assertThat(mail.get("template")).isEqualTo("OrderShipped/email");
        assertThat(mail.get("locale")).as("de-AT falls back to de").isEqualTo("de");
        assertThat(mail.get("subject")).isEqualTo("Ihre Bestellung ist unterwegs");
        assertThat((String) mail.get("body_text")).contains("Hallo Tess", orderId.toString());
        assertThat((String) mail.get("body_html")).contains("<p>Hallo Tess,</p>");
        // No phone: SMS is suppressed with its reason rather than silently skipped.
        assertThat(jdbc.queryForObject("SELECT status || ': ' || status_reason FROM notification "
                + "WHERE customer_id = ? AND event_type = 'OrderShipped' AND channel = 'SMS'", String.class, customerId))
                .isEqualTo("SUPPRESSED: customer opted out of sms");
    }

    @Test
    void optedOutChannelsAreSuppressedAndLogged() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("quiet"), "+4915199999999",
                Map.of("emailOptIn", false, "smsOptIn", false));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customerId, "SHIPPED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderShipped'",
                customerId) == 2);
        assertThat(jdbc.queryForList("SELECT channel || ' ' || status || ' ' || status_reason FROM notification "
                + "WHERE customer_id = ? AND event_type = 'OrderShipped' ORDER BY channel", String.class, customerId))
                .containsExactly("EMAIL SUPPRESSED customer opted out of email",
                        "SMS SUPPRESSED customer opted out of sms");
        assertThat(rows("SELECT count(*) FROM delivery_attempt a JOIN notification n ON n.id = a.notification_id "
                + "WHERE n.customer_id = ?", customerId)).as("nothing was attempted").isZero();
    }

    @Test
    void aDuplicateEventPlansNothingMore() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("twice"), null, Map.of());
        UUID orderId = UUID.randomUUID();
        String event = publishOrderEvent("OrderPlaced", orderId, order(orderId, customerId, "PLACED"));
        io.oasis.testsupport.KafkaTopics.produce(ORDER_EVENTS, orderId.toString(), event);
        UUID marker = UUID.randomUUID();
        publishOrderEvent("OrderPaid", marker, order(marker, customerId, "PAID"));

        // The later event is through, so the duplicate before it was seen too.
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPaid'", customerId) >= 1);
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPlaced'",
                customerId)).isEqualTo(1);

        // Processed again after a crash between saving and confirming the event id: still nothing new.
        eventNotifications.onOrderEvent(mapper.parse(event));
        assertThat(rows("SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPlaced'",
                customerId)).isEqualTo(1);
    }

    @Test
    void anAmountInAnEventReachesTheMailAsWritten() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("amount"), null, Map.of());
        UUID orderId = UUID.randomUUID();
        Map<String, Object> paid = order(orderId, customerId, "PAID");
        paid.put("total", new java.math.BigDecimal("1200.10"));

        publishOrderEvent("OrderPaid", orderId, paid);

        // Not 1200.1 (a double's text) nor rounded: the event's decimal as the order service wrote it.
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPaid' AND channel = 'EMAIL'",
                customerId) >= 1);
        assertThat(jdbc.queryForObject("SELECT body_text FROM notification WHERE customer_id = ? AND event_type = 'OrderPaid' "
                + "AND channel = 'EMAIL'", String.class, customerId)).contains("1200.10 EUR");
    }

    @Test
    void anEventWithoutTemplatesNotifiesNobody() throws Exception {
        UUID customerId = registerCustomer(uniqueEmail("silent"), null, Map.of());
        UUID orderId = UUID.randomUUID();
        publishOrderEvent("PaymentRequested", orderId, order(orderId, customerId, "AWAITING_PAYMENT"));
        publishOrderEvent("OrderPaid", orderId, order(orderId, customerId, "PAID"));

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(
                "SELECT count(*) FROM notification WHERE customer_id = ? AND event_type = 'OrderPaid'", customerId) >= 1);
        assertThat(rows("SELECT count(*) FROM notification WHERE event_type = 'PaymentRequested' AND customer_id = ?",
                customerId)).isZero();
    }
}
