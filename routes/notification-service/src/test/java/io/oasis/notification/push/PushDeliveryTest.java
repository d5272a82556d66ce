package io.oasis.notification.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.oasis.notification.NotificationServiceTestBase;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationRepository;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Push notifications from order events to the provider's HTTP v1 API (WireMock on loopback), through the
 * planner, the dispatcher and the route {@code notification-send-push}.
 */
class PushDeliveryTest extends NotificationServiceTestBase {

    private static final String SEND = "/v1/projects/oasis-test/messages:send";
    private static final String BEARER = "Bearer test-only-push-token";

    @Autowired
    private PushDeviceRepository devices;
    @Autowired
    private NotificationRepository notifications;
    @Autowired
    private ProducerTemplate producer;

    private final List<StubMapping> stubs = new ArrayList<>();

    @AfterEach
    void removeStubs() {
        stubs.forEach(STAND_INS::removeStub);
    }

    @Test
    void anOrderEventIsPushedToTheCustomersDeviceWithTheTemplatesTexts() throws Exception {
        UUID customer = pushCustomer(true);
        PushDevice device = device(customer, "android");
        String name = "projects/oasis-test/messages/0:" + UUID.randomUUID();
        providerAnswers(device.getToken(), okJson("{\"name\": \"" + name + "\"}"));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Notification push = awaitPushes(customer, 1, NotificationStatus.SENT).get(0);
        assertThat(push.getProviderMessageId()).isEqualTo(name);
        assertThat(push.getDeviceId()).isEqualTo(device.getId());
        List<LoggedRequest> sent = requestsFor(device.getToken());
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
        assertThat(request.getUrl()).isEqualTo(SEND);
        assertThat(request.getHeader("Authorization")).isEqualTo(BEARER);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = json.readTree(request.getBodyAsString());
        assertThat(body.at("/message/token").asText()).isEqualTo(device.getToken());
        assertThat(body.at("/message/notification/title").asText()).isEqualTo("Order shipped");
        assertThat(body.at("/message/notification/body").asText()).isEqualTo("Your order " + orderId + " is on its way.");
        assertThat(body.at("/message/data/notificationId").asText()).isEqualTo(push.getId().toString());
        assertThat(body.at("/message/data/eventType").asText()).isEqualTo("OrderShipped");
    }

    @Test
    void eachDeviceGetsItsOwnNotificationAndRequest() throws Exception {
        UUID customer = pushCustomer(true);
        PushDevice phone = device(customer, "ios");
        PushDevice browser = device(customer, "web");
        providerAnswers(phone.getToken(), okJson("{\"name\": \"projects/oasis-test/messages/phone\"}"));
        providerAnswers(browser.getToken(), okJson("{\"name\": \"projects/oasis-test/messages/browser\"}"));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderDelivered", orderId, order(orderId, customer, "DELIVERED"));

        List<Notification> pushes = awaitPushes(customer, 2, NotificationStatus.SENT);
        assertThat(pushes).extracting(Notification::getRecipient)
                .containsExactlyInAnyOrder(phone.getToken(), browser.getToken());
        assertThat(pushes).extracting(Notification::getDeviceId)
                .containsExactlyInAnyOrder(phone.getId(), browser.getId());
        assertThat(pushes).extracting(Notification::getProviderMessageId)
                .containsExactlyInAnyOrder("projects/oasis-test/messages/phone", "projects/oasis-test/messages/browser");
        assertThat(requestsFor(phone.getToken())).hasSize(1);
        assertThat(requestsFor(browser.getToken())).hasSize(1);
    }

    @Test
    void anUnregisteredTokenFailsAndItsDeviceIsRemoved() throws Exception {
        UUID customer = pushCustomer(true);
        PushDevice gone = device(customer, "android");
        PushDevice fine = device(customer, "ios");
        providerAnswers(gone.getToken(), aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
                          "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                                       "errorCode": "UNREGISTERED"}]}}"""));
        providerAnswers(fine.getToken(), okJson("{\"name\": \"projects/oasis-test/messages/fine\"}"));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        await().atMost(Duration.ofSeconds(20)).until(() -> pushes(customer), list -> list.size() == 2
                && list.stream().allMatch(push -> push.getStatus() != NotificationStatus.PENDING));
        Map<UUID, Notification> byDevice = pushes(customer).stream()
                .collect(Collectors.toMap(Notification::getDeviceId, push -> push));
        Notification failed = byDevice.get(gone.getId());
        assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.getAttemptCount()).isEqualTo(1);
        assertThat(failed.getStatusReason()).contains("404", "UNREGISTERED");
        assertThat(byDevice.get(fine.getId()).getStatus()).isEqualTo(NotificationStatus.SENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> devices.findById(gone.getId()).isEmpty());
        assertThat(devices.findById(fine.getId())).isPresent();
        assertThat(requestsFor(gone.getToken())).hasSize(1);
    }

    @Test
    void unavailableWithRetryAfterIsTriedAgainNoSoonerThanAsked() throws Exception {
        UUID customer = pushCustomer(true);
        PushDevice device = device(customer, "android");
        String scenario = "push-unavailable-" + device.getId();
        stub(sendTo(device.getToken()).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"code\": 503, \"message\": \"The service is currently unavailable.\","
                                + " \"status\": \"UNAVAILABLE\"}}"))
                .willSetStateTo("recovered"));
        stub(sendTo(device.getToken()).inScenario(scenario).whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"name\": \"projects/oasis-test/messages/after-retry\"}")));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderPaid", orderId, order(orderId, customer, "PAID"));

        Notification push = awaitPushes(customer, 1, NotificationStatus.SENT).get(0);
        assertThat(push.getAttemptCount()).isEqualTo(2);
        assertThat(push.getProviderMessageId()).isEqualTo("projects/oasis-test/messages/after-retry");
        List<LoggedRequest> sent = requestsFor(device.getToken());
        assertThat(sent).hasSize(2);
        sent.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        assertThat(Duration.between(sent.get(0).getLoggedDate().toInstant(), sent.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(jdbc.queryForObject("SELECT provider_status FROM delivery_attempt WHERE notification_id = ? "
                + "AND number = 1", Integer.class, push.getId())).isEqualTo(503);
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsTriedAgain() throws Exception {
        UUID customer = pushCustomer(true);
        PushDevice device = device(customer, "android");
        String scenario = "push-slow-" + device.getId();
        // Longer than the 2 s timeout the tests configure.
        stub(sendTo(device.getToken()).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"name\": \"projects/oasis-test/messages/too-late\"}").withFixedDelay(4000))
                .willSetStateTo("quick"));
        stub(sendTo(device.getToken()).inScenario(scenario).whenScenarioStateIs("quick")
                .willReturn(okJson("{\"name\": \"projects/oasis-test/messages/in-time\"}")));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Notification push = awaitPushes(customer, 1, NotificationStatus.SENT).get(0);
        assertThat(push.getAttemptCount()).isEqualTo(2);
        assertThat(push.getProviderMessageId()).isEqualTo("projects/oasis-test/messages/in-time");
        Map<String, Object> first = jdbc.queryForMap("SELECT outcome, started_at, finished_at, error "
                + "FROM delivery_attempt WHERE notification_id = ? AND number = 1", push.getId());
        assertThat(first.get("outcome")).isEqualTo("FAILED");
        assertThat(Duration.between(((java.sql.Timestamp) first.get("started_at")).toInstant(),
                ((java.sql.Timestamp) first.get("finished_at")).toInstant())).isLessThan(Duration.ofMillis(3500));
    }

    @Test
    void aCustomerWhoOptedOutOfPushGetsNone() throws Exception {
        UUID customer = pushCustomer(false);
        PushDevice device = device(customer, "android");
        providerAnswers(device.getToken(), okJson("{\"name\": \"projects/oasis-test/messages/unwanted\"}"));
        UUID orderId = UUID.randomUUID();

        publishOrderEvent("OrderShipped", orderId, order(orderId, customer, "SHIPPED"));

        Notification push = awaitPushes(customer, 1, NotificationStatus.SUPPRESSED).get(0);
        assertThat(push.getStatusReason()).isEqualTo("customer opted out of push");
        // Several dispatcher polls pass (every 50 ms in tests) without a request.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> requestsFor(device.getToken()).isEmpty()
                        && pushes(customer).get(0).getStatus() == NotificationStatus.SUPPRESSED);
    }

    @Test
    void headersAnExchangeBringsNeitherRedirectNorReauthorizeThePush() throws Exception {
        String token = "inject-" + UUID.randomUUID();
        providerAnswers(token, okJson("{\"name\": \"projects/oasis-test/messages/configured\"}"));
        OutgoingMessage message = new OutgoingMessage(UUID.randomUUID(), Channel.PUSH, 1, token, "Hello", "World",
                null, null, "DirectMessage", null);

        Exchange result = producer.send(Channel.PUSH.endpoint(), exchange -> {
            exchange.getMessage().setBody(message);
            exchange.getMessage().setHeader("Authorization", "Bearer other");
            exchange.getMessage().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere");
            exchange.getMessage().setHeader(Exchange.HTTP_PATH, "/v1/projects/other/messages:send");
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, "key=other");
            exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "PUT");
            exchange.getMessage().setHeader("X-Injected", "yes");
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(OutgoingMessage.PROVIDER_MESSAGE_ID))
                .isEqualTo("projects/oasis-test/messages/configured");
        List<LoggedRequest> received = STAND_INS.findAll(anyRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token))));
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
        assertThat(request.getUrl()).isEqualTo(SEND);
        assertThat(request.getHeader("Authorization")).isEqualTo(BEARER);
        assertThat(request.containsHeader("X-Injected")).isFalse();
        assertThat(STAND_INS.findAll(anyRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer other"))))
                .isEmpty();
    }

    /** A customer with no e-mail address or phone (so only push is in play), opted in to push or not. */
    private UUID pushCustomer(boolean pushOptIn) throws Exception {
        return registerCustomer(null, null, Map.of("emailOptIn", false, "pushOptIn", pushOptIn));
    }

    private PushDevice device(UUID customer, String platform) {
        String token = platform + "-" + UUID.randomUUID() + ":APA91b" + UUID.randomUUID();
        return devices.save(new PushDevice(UUID.randomUUID(), customer, token, platform, Instant.now()));
    }

    private List<Notification> pushes(UUID customer) {
        return notifications.findByCustomerId(customer).stream()
                .filter(notification -> notification.getChannel() == Channel.PUSH).toList();
    }

    private List<Notification> awaitPushes(UUID customer, int count, NotificationStatus status) {
        Predicate<List<Notification>> done = list -> list.size() == count
                && list.stream().allMatch(push -> push.getStatus() == status);
        return await().atMost(Duration.ofSeconds(20)).until(() -> pushes(customer), done::test);
    }

    private MappingBuilder sendTo(String token) {
        return post(SEND).withRequestBody(matchingJsonPath("$.message.token", equalTo(token)));
    }

    private void providerAnswers(String token, ResponseDefinitionBuilder answer) {
        stub(sendTo(token).willReturn(answer));
    }

    private void stub(MappingBuilder mapping) {
        stubs.add(STAND_INS.stubFor(mapping));
    }

    private List<LoggedRequest> requestsFor(String token) {
        return new ArrayList<>(STAND_INS.findAll(anyRequestedFor(anyUrl())
                .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))));
    }
}
