package io.oasis.notification.push;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.safety.UnsafeHeaderException;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request a push becomes, and what keeps a push from going out when push is not set up. */
class PushRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The provider's token endpoint. */
    private static final WireMockServer TOKENS = started();
    private static final String KEY = ServiceAccountKey.generate("oasis-key-project").json(TOKENS.baseUrl() + "/token");
    private static final PushSettings CONFIGURED = new PushSettings("https://push.example.test/", "oasis-test",
            KEY, null, Duration.ofSeconds(3), null);

    @AfterAll
    static void stop() {
        TOKENS.stop();
    }

    @BeforeEach
    void tokenEndpointAnswers() {
        TOKENS.resetAll();
        TOKENS.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"token-123\",\"expires_in\":3600}")));
    }

    @Test
    void writesTheProviderJsonWithJacksonAndOnlyTheHeadersItMeans() throws Exception {
        UUID id = UUID.randomUUID();
        Exchange exchange = exchange(new OutgoingMessage(id, Channel.PUSH, 1, "device-token:abc",
                "Say \"hi\"", "line one\nline two {\"x\":1}", null, null, "OrderShipped", null));
        exchange.getMessage().setHeader("Authorization", "Bearer other");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere");

        requests(CONFIGURED).prepare(exchange);

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

        requests(CONFIGURED).prepare(exchange);

        JsonNode notification = JSON.readTree(exchange.getMessage().getBody(byte[].class)).at("/message/notification");
        assertThat(notification.has("title")).isFalse();
        assertThat(notification.path("body").asText()).isEqualTo("Body only");
    }

    @Test
    void failsEveryPushPermanentlyWhileUnconfigured() {
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", null, null, null, null, null),
                "NOTIFICATION_PUSH_SERVICE_ACCOUNT");
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", null, "not a key", null, null, null),
                "service-account key cannot be read");
        assertUnconfigured(new PushSettings("", "oasis-test", KEY, null, null, null), "base-url");
        assertUnconfigured(new PushSettings("fcm.googleapis.com", "oasis-test", KEY, null, null, null), "base-url");
        assertUnconfigured(new PushSettings("https://fcm.googleapis.com", "../other", KEY, null, null, null), "project-id");
    }

    @Test
    void sendsToTheKeysProjectUnlessOneIsSet() {
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", "T", "B", null,
                null, "OrderShipped", null));

        requests(new PushSettings("https://push.example.test", null, KEY, null, null, null)).prepare(exchange);

        assertThat(exchange.getProperty(PushRequests.TARGET, String.class))
                .startsWith("https://push.example.test/v1/projects/oasis-key-project/messages:send?");
    }

    @Test
    void refusesAnAccessTokenWithALineBreak() {
        TOKENS.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"abc\\r\\nX-Evil: 1\",\"expires_in\":3600}")));
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", "T", "B", null,
                null, "OrderShipped", null));

        assertThatThrownBy(() -> requests(CONFIGURED).prepare(exchange))
                .isInstanceOf(UnsafeHeaderException.class)
                .satisfies(e -> assertThat(((DeliveryException) e).kind()).isEqualTo(DeliveryException.Kind.PERMANENT));
    }

    private static void assertUnconfigured(PushSettings settings, String setting) {
        Exchange exchange = exchange(new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, "t", "T", "B", null,
                null, "OrderShipped", null));

        assertThatThrownBy(() -> requests(settings).prepare(exchange))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
                    assertThat(e.getMessage()).startsWith("Push is not configured").contains(setting);
                });
        assertThat(exchange.getProperty(PushRequests.TARGET)).isNull();
    }

    private static PushRequests requests(PushSettings settings) {
        return new PushRequests(settings, new PushCredentials(settings), JSON);
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    private static Exchange exchange(OutgoingMessage message) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(message);
        return exchange;
    }
}
