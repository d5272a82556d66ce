package io.oasis.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Without Twilio credentials the service still starts, and each SMS fails for good saying why. */
class SmsNotConfiguredTest {

    @Test
    void everySmsFailsPermanentlyWithAClearReason() throws Exception {
        SmsSettings unconfigured = new SmsSettings("", "", "+15005550006", null, null, Duration.ofSeconds(1));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new SmsRoutes(unconfigured, new TwilioMessages(unconfigured, new TwilioFailures())));
            camel.start();
            OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.SMS, 1, "+4915112345678", null,
                    "Hello", null, null, "DirectMessage", null);

            Exchange result = camel.createProducerTemplate().send(Channel.SMS.endpoint(),
                    exchange -> exchange.getMessage().setBody(message));

            assertThat(result.getException()).isInstanceOfSatisfying(DeliveryException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
                assertThat(failure.getMessage()).startsWith("SMS is not configured");
            });
        }
    }
}
