package io.oasis.notification.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The push route with nothing configured: it starts, and each push fails permanently, saying why. */
class PushSendRouteTest {

    @Test
    void startsWithoutSettingsAndFailsEachPushPermanently() throws Exception {
        PushSettings nothing = new PushSettings("", "", "", "", null, null);
        ObjectMapper json = new ObjectMapper();
        try (CamelContext camel = new DefaultCamelContext()) {
            PushRequests requests = new PushRequests(nothing, new PushCredentials(nothing), json);
            camel.getRegistry().bind("pushRequests", requests);
            camel.getRegistry().bind("pushResponses", new PushResponses(json, Clock.systemUTC()));
            camel.addRoutes(new PushSendRoute(requests));
            camel.start();

            Exchange result = camel.createProducerTemplate().send(Channel.PUSH.endpoint(), exchange -> exchange
                    .getMessage().setBody(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "token", "Title",
                            "Body", null, null, "OrderShipped", null)));

            assertThat(camel.getRouteController().getRouteStatus(Channel.PUSH.routeId()).isStarted()).isTrue();
            assertThat(result.getException()).isInstanceOfSatisfying(DeliveryException.class, failure -> {
                assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
                assertThat(failure.getMessage()).isEqualTo("Push is not configured: oasis.notification.push.service-account "
                        + "(NOTIFICATION_PUSH_SERVICE_ACCOUNT) or service-account-file (NOTIFICATION_PUSH_SERVICE_ACCOUNT_FILE) "
                        + "is not set");
            });
        }
    }
}
