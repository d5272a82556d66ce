package io.oasis.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.safety.UnsafeHeaderException;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The request a push becomes, and what keeps a push from going out when push is not set up. */
class PushRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PushSettings CONFIGURED = new PushSettings("https://push.example.test/", "oasis-test",
            "token-123", Duration.ofSeconds(3));

    @Test
    void writesTheProviderJsonWithJacksonAndOnlyTheHeadersItMeans() throws Exception {
        UUID id = UUID.randomUUID();
        Exchange exchange = exchange(new OutgoingMessage(id, Channel.PUSH, 1, "device-token:abc",
                "Say \"hi\"", "line one\nline two {\"x\":1}", null, null, "OrderShipped", null));
        exchange.getMessage().setHeader("Authorization", "Bearer other");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere");

        new PushRequests(CONFIGURED, JSON).prepare(exchange);

        JsonNode body = JSON.readTree(exchange.getMessage().getBody(byte[].class));
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.at("/message/token").asText()).isEqualTo("device-token:abc");
        assertThat(body.at("/message/notification/title").asText()).isEqualTo("Say \"hi\"");
        assertThat(body.at("/message/notification/body").asText()).isEqualTo("line one\nline two {\"x\":1}");
        assertThat(body.at("/message/data/notificationId").asText()).isEqualTo(id.toString());
        assertThat(body.at("/message/data/eventType").asText()).isEqualTo("OrderShipped");
        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("Authorization", Exchange.CONTENT_TYPE);
        assertThat(exchange.getMessage().getHeader("Authorization")).isEqualTo("Bearer token-123");
        assertThat(exchange.getProperty(PushRequests.TARGET, String.class))
                .startsWith("https://push.example.test/v1/projects/oasis-test/messages:send?httpMethod=POST&")
                .contains("throwExceptionOnFailure=false",
                        "httpClientConfigurer=#class:io.oasis.common.http.NoAutomaticRetries", "responseTimeout=3000",
                        "connectTimeout=3000");
    }

    @Test
    void leavesOutWhatTheMessageDoesNotHave() throws Exception {
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", null, "Body only",
                null, null, "DirectMessage", null));

        new PushRequests(CONFIGURED, JSON).prepare(exchange);

        JsonNode notification = JSON.readTree(exchange.getMessage().getBody(byte[].class)).at("/message/notification");
        assertThat(notification.has("title")).isFalse();
        assertThat(notification.path("body").asText()).isEqualTo("Body only");
    }

    @Test
    void failsEveryPushPermanentlyWhileUnconfigured() {
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", null, "token", null), "project-id");
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", "oasis-test", " ", null), "access-token");
        assertUnconfigured(new PushSettings("", "oasis-test", "token", null), "base-url");
        assertUnconfigured(new PushSettings("fcm.googleapis.com", "oasis-test", "token", null), "base-url");
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", "../other", "token", null), "project-id");
    }

    @Test
    void refusesAnAccessTokenWithALineBreak() {
        PushSettings injected = new PushSettings("https://push.example.test", "oasis-test", "abc\r\nX-Evil: 1", null);
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", "T", "B", null,
                null, "OrderShipped", null));

        assertThatThrownBy(() -> new PushRequests(injected, JSON).prepare(exchange))
                .isInstanceOf(UnsafeHeaderException.class)
                .satisfies(e -> assertThat(((DeliveryException) e).kind()).isEqualTo(DeliveryException.Kind.PERMANENT));
    }

    private static void assertUnconfigured(PushSettings settings, String setting) {
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", "T", "B", null,
                null, "OrderShipped", null));

        assertThatThrownBy(() -> new PushRequests(settings, JSON).prepare(exchange))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith("Push is not configured").contains(setting);
                });
        assertThat(exchange.getProperty(PushRequests.TARGET)).isNull();
    }

    private static Exchange exchange(OutgoingMessage message) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(message);
        return exchange;
    }
}
