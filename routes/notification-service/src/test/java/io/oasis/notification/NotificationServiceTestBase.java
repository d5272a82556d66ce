package io.oasis.notification;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.notification.push.ServiceAccountKey;
import io.oasis.testsupport.Kafka;
import io.oasis.testsupport.KafkaTopics;
import io.oasis.testsupport.RealParts;
import io.oasis.testsupport.RealParts.Part;
import io.oasis.testsupport.ServiceTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running notification service for every test class of the module: a real PostgreSQL database, the
 * embedded Kafka broker, a real Keycloak, GreenMail as the SMTP server, and one WireMock on loopback standing
 * in for Twilio, the push provider, the customer service's REST fallback and webhook receivers. Retry
 * schedules are shortened to milliseconds; loopback is allowed as a webhook target (tests only).
 */
@SpringBootTest(classes = NotificationServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=" + NotificationServiceApplication.NAME,
            "oasis.outbox.poll-interval=100ms",
            "oasis.consumer.redelivery-delay=50",
            "oasis.consumer.maximum-redelivery-delay=200",
            "oasis.notification.delivery.poll-interval=50ms",
            "oasis.notification.delivery.retry.email=0s,100ms,200ms",
            "oasis.notification.delivery.retry.sms=0s,100ms,200ms",
            "oasis.notification.delivery.retry.push=0s,100ms,200ms",
            "oasis.notification.delivery.retry.webhook=0s,100ms,200ms,300ms",
            "oasis.notification.templates.reload-check=0s",
            // The repository's template folder (the module's working directory has no config/ folder).
            "oasis.notification.templates.folder=../../config/templates",
            "oasis.notification.client-secret=dev-only-notification-service-secret",
            "oasis.notification.email.from=Oasis <no-reply@oasis.test>",
            "oasis.notification.sms.account-sid=AC00000000000000000000000000000000",
            "oasis.notification.sms.auth-token=test-only-twilio-token",
            "oasis.notification.sms.from=+15005550006",
            "oasis.notification.push.project-id=oasis-test",
            "oasis.notification.push.timeout=2s",
            "oasis.notification.sms.status-callback-url=http://127.0.0.1/api/v1/notifications/twilio/status",
            "oasis.notification.webhook.timeout=2s",
            "oasis.notification.webhook.allowed-targets=127.0.0.1,::1,localhost" })
@RealParts({ Part.POSTGRES, Part.KAFKA, Part.KEYCLOAK })
public abstract class NotificationServiceTestBase extends ServiceTest {

    protected static final String NOTIFICATIONS = "/api/v1/notifications";
    protected static final String CUSTOMER_EVENTS = "oasis.customer.events";
    protected static final String ORDER_EVENTS = "oasis.order.events";

    /**
     * The SMTP server, for the whole JVM; tests tell their mails apart by recipient. Its port is fixed once,
     * so a test may stop and start it (in a finally block) and the service finds it again.
     */
    protected static final TestMailServer MAIL = startMail();
    /** Twilio, the push provider, the customer service and webhook receivers, all on loopback. */
    protected static final WireMockServer STAND_INS = startStandIns();
    /** The push provider's service-account key; its token endpoint (on the stand-ins) mints test-only-push-token. */
    protected static final ServiceAccountKey PUSH_KEY = ServiceAccountKey.generate("oasis-test");

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected CloudEventMapper events;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("oasis.notification.email.host", () -> "127.0.0.1");
        registry.add("oasis.notification.email.port", () -> MAIL.getSmtp().getPort());
        registry.add("oasis.notification.sms.base-url", STAND_INS::baseUrl);
        registry.add("oasis.notification.push.base-url", STAND_INS::baseUrl);
        registry.add("oasis.notification.push.service-account", () -> PUSH_KEY.json(STAND_INS.baseUrl() + "/push-token"));
        registry.add("oasis.services.customer-url", STAND_INS::baseUrl);
    }

    private static TestMailServer startMail() {
        TestMailServer mail = new TestMailServer(Kafka.freePort());
        mail.start();
        return mail;
    }

    private static WireMockServer startStandIns() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(WireMock.post("/push-token").willReturn(WireMock.okJson(
                "{\"access_token\":\"test-only-push-token\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        return server;
    }

    protected long rows(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    /** Publishes a customer event as the customer service would (a CloudEvent keyed by the customer id). */
    protected String publishCustomerEvent(String type, UUID customerId, Object data) throws Exception {
        String event = events.serialize(events.create(type, customerId.toString(), data, null));
        KafkaTopics.produce(CUSTOMER_EVENTS, customerId.toString(), event);
        return event;
    }

    /** Publishes an order event as the order service would. */
    protected String publishOrderEvent(String type, UUID orderId, Map<String, Object> data) throws Exception {
        String event = events.serialize(events.create(type, orderId.toString(), data, null));
        KafkaTopics.produce(ORDER_EVENTS, orderId.toString(), event);
        return event;
    }

    /**
     * Registers a customer in the projection through a {@code CustomerRegistered} event and waits until it is
     * there. E-mail on, SMS on when a phone is given, push off, locale {@code en}, no quiet hours, unless
     * {@code preferences} says otherwise.
     */
    protected UUID registerCustomer(String email, String phone, Map<String, Object> preferences) throws Exception {
        return registerCustomer(email, phone, preferences, Map.of(), null);
    }

    /** {@link #registerCustomer(String, String, Map)}, with customer fields ({@code givenName}...) changed too. */
    protected UUID registerCustomer(String email, String phone, Map<String, Object> preferences,
            Map<String, Object> customerFields) throws Exception {
        return registerCustomer(email, phone, preferences, customerFields, null);
    }

    /** As above, for a customer who registered themselves with the Keycloak subject {@code subject}. */
    protected UUID registerCustomer(String email, String phone, Map<String, Object> preferences, String subject)
            throws Exception {
        return registerCustomer(email, phone, preferences, Map.of(), subject);
    }

    private UUID registerCustomer(String email, String phone, Map<String, Object> preferences,
            Map<String, Object> customerFields, String subject) throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", id.toString());
        customer.put("email", email);
        customer.put("givenName", "Tess");
        customer.put("familyName", "Tester");
        customer.put("phone", phone);
        customer.put("country", "DE");
        customer.put("status", "ACTIVE");
        customer.putAll(customerFields);
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("customerId", id.toString());
        prefs.put("emailOptIn", true);
        prefs.put("smsOptIn", phone != null);
        prefs.put("pushOptIn", false);
        prefs.put("webhookOptIn", false);
        prefs.put("locale", "en");
        prefs.put("timeZone", "UTC");
        prefs.putAll(preferences);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", customer);
        data.put("preferences", prefs);
        if (subject != null) {
            data.put("subject", subject);
        }
        publishCustomerEvent("CustomerRegistered", id, data);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> rows("SELECT count(*) FROM customer_contact WHERE customer_id = ?", id) == 1);
        return id;
    }

    private static final Map<String, UUID> DEMO_CUSTOMERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The customer id of a demo user's own profile, registered (with their subject) the first time any test
     * of this JVM asks, so every test class sees the same one.
     */
    protected UUID demoCustomer(DemoUser user) throws Exception {
        String subject = subjectOf(user);
        UUID known = DEMO_CUSTOMERS.get(user.username());
        if (known != null && rows("SELECT count(*) FROM customer_contact WHERE customer_id = ? AND subject = ?",
                known, subject) == 1) {
            return known;
        }
        synchronized (DEMO_CUSTOMERS) {
            // A test of registration may have detached the user from their profile: register them again.
            jdbc.update("UPDATE customer_contact SET subject = NULL WHERE subject = ?", subject);
            UUID registered = registerCustomer(uniqueEmail(user.username()), null, Map.of(), subject);
            DEMO_CUSTOMERS.put(user.username(), registered);
            return registered;
        }
    }

    /** Data of an order event about the customer. */
    protected static Map<String, Object> order(UUID orderId, UUID customerId, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", orderId.toString());
        data.put("customerId", customerId.toString());
        data.put("status", status);
        data.put("total", 42.50);
        data.put("currency", "EUR");
        return data;
    }

    /** A unique address for one test. */
    protected static String uniqueEmail(String who) {
        return who + "." + UUID.randomUUID() + "@example.com";
    }
}
