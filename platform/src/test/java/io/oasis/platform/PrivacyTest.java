package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.Tokens;
import io.oasis.testsupport.PersonalDataSearch;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Export and erasure of a real person across the whole platform, through the gateway, as the launcher runs
 * it (each service on its own database, Kafka, the dev mailbox, Keycloak). The person signs up in Keycloak,
 * registers, orders, gets mail through the dev mailbox (GreenMail) and registers a push device; then:
 * <ul>
 * <li>the export has their data from all three services, for them and for an admin, for nobody else;</li>
 * <li>after the erasure, every table of every service's database (listed from each database's catalog) and
 * every Kafka topic are searched for their e-mail address, name, phone number and device token: nothing in
 * the databases, and on the topics only what docs/privacy.md allows (events produced before the erasure,
 * on the event topics, within their retention).</li>
 * </ul>
 */
@ExtendWith(SharedPlatform.class)
class PrivacyTest {

    /** docs/privacy.md: the event topics keep records at most this long. */
    private static final Duration EVENT_RETENTION = Duration.ofDays(7);
    /** docs/privacy.md: what the event topics may still hold of an erased person, until retention removes it. */
    private static final Map<String, Set<String>> RETAINED_EVENTS = Map.of(
            "oasis.customer.events", Set.of("CustomerRegistered", "CustomerUpdated"),
            "oasis.order.events", Set.of("OrderCancelled", "OrderRejected", "OrderApproved"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SMALL_ORDER = """
            {"currency":"EUR","items":[{"sku":"LAMP-1","name":"Desk lamp","quantity":1,"unitPrice":39.00}]}""";

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.platform();
        gateway = platform.baseUrl(PlatformService.GATEWAY);
    }

    @Test
    void theExportHoldsEveryServicesPartForThePersonAndAnAdminOnly() throws Exception {
        Person person = Person.signUp();
        Footprint footprint = leaveAFootprint(person);

        HttpResponse<String> own = get("/api/v1/customers/" + footprint.customerId() + "/export", person.token());
        HttpResponse<String> admin = get("/api/v1/customers/" + footprint.customerId() + "/export", token(DemoUser.ADMIN));
        HttpResponse<String> other = get("/api/v1/customers/" + footprint.customerId() + "/export", token(DemoUser.CUSTOMER2));
        HttpResponse<String> support = get("/api/v1/customers/" + footprint.customerId() + "/export", token(DemoUser.SUPPORT));

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(support.statusCode()).isEqualTo(403);
        for (HttpResponse<String> response : List.of(own, admin)) {
            JsonNode export = JSON.readTree(response.body());
            JsonNode customer = export.path("customerService");
            assertThat(customer.path("profile").path("email").asText()).isEqualTo(person.email());
            assertThat(customer.path("profile").path("phone").asText()).isEqualTo(person.phone());
            assertThat(customer.path("consents").path("pushOptIn").asBoolean()).isTrue();
            assertThat(customer.path("history").findValuesAsText("summary")).anyMatch(s -> s.contains(person.familyName()));
            assertThat(export.path("orderService").path("orders").findValuesAsText("id"))
                    .containsAll(footprint.orderIds());
            JsonNode notifications = export.path("notificationService");
            assertThat(notifications.path("contact").path("email").asText()).isEqualTo(person.email());
            assertThat(notifications.path("messages").findValuesAsText("recipient")).contains(person.email());
            assertThat(notifications.path("messages").findValuesAsText("eventType")).contains("CustomerRegistered",
                    "OrderPlaced");
            assertThat(notifications.path("devices")).hasSize(1);
            assertThat(notifications.path("webhookDeliveries").findValuesAsText("eventType")).contains("OrderPlaced");
            assertThat(notifications.path("webhookDeliveries").toString()).doesNotContain(platform.webhookInboxUrl());
        }
    }

    @Test
    void afterTheErasureNoDatabaseHoldsThePersonAndTheTopicsOnlyWhatTheirRetentionAllows() throws Exception {
        Person person = Person.signUp();
        Footprint footprint = leaveAFootprint(person);
        assertThat(databaseHits(person)).as("the person is in the databases before").isNotEmpty();
        Instant erasure = Instant.now();

        HttpResponse<String> erased = post("/api/v1/customers/" + footprint.customerId() + "/erase", token(DemoUser.ADMIN),
                "{\"reason\":\"GDPR Art. 17 request\"}");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        awaitErasedEverywhere(footprint);
        List<String> databaseHits = databaseHits(person).stream().map(Object::toString).toList();
        assertThat(databaseHits).isEmpty();
        TopicSearch topics = searchTopics(person);
        assertThat(topics.searched()).contains("oasis.customer.events", "oasis.order.events");
        assertThat(topics.hits()).as("the registration is on the customer events until retention").isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : topics.hits()) {
            CloudEvent event = new JsonFormat().deserialize(record.value());
            String where = record.topic() + " " + event.getType() + " " + record.key();
            assertThat(RETAINED_EVENTS.getOrDefault(record.topic(), Set.of())).as(where).contains(event.getType());
            assertThat(Instant.ofEpochMilli(record.timestamp())).as(where + " was produced before the erasure")
                    .isBefore(erasure);
            assertThat(footprint.keys()).as(where + " is about the person").contains(record.key());
            assertThat(topics.retention().get(record.topic())).as("retention of " + record.topic())
                    .isLessThanOrEqualTo(EVENT_RETENTION);
        }
        // Their sign-in account has no profile any more, so nothing of this is theirs to read.
        assertThat(get("/api/v1/customers/me", person.token()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/customers/" + footprint.customerId() + "/export", person.token()).statusCode())
                .isEqualTo(404);
        person.deleteAccount();
    }

    /** The person's customer id, their orders and what a search may find of them on Kafka as keys. */
    private record Footprint(String customerId, List<String> orderIds) {

        List<String> keys() {
            List<String> keys = new ArrayList<>(orderIds);
            keys.add(customerId);
            return keys;
        }
    }

    /**
     * Everything a person leaves: a profile with phone and preferences, a support note about them, two orders
     * (one cancelled with their number in the reason), mails through the dev mailbox, a push device and a push
     * message, and webhook copies of their events at a partner.
     */
    private Footprint leaveAFootprint(Person person) throws Exception {
        String subscription = subscribeEverything();
        try {
            HttpResponse<String> registered = post("/api/v1/customers/me", person.token(),
                    "{\"phone\":\"" + person.phone() + "\",\"country\":\"DE\",\"shippingAddress\":{\"name\":\""
                            + person.givenName() + " " + person.familyName() + "\",\"line1\":\"Hauptstr. 1\","
                            + "\"city\":\"Berlin\",\"country\":\"DE\"}}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            String customerId = JSON.readTree(registered.body()).path("id").asText();
            String path = "/api/v1/customers/" + customerId;
            assertThat(send("PUT", path + "/preferences", person.token(), """
                    {"emailOptIn":true,"smsOptIn":false,"pushOptIn":true,"webhookOptIn":false,"locale":"en",
                     "timeZone":"Europe/Berlin","marketingConsent":true}""").statusCode()).isEqualTo(200);
            assertThat(post(path + "/history", token(DemoUser.SUPPORT), "{\"type\":\"CALL\",\"channel\":\"PHONE\","
                    + "\"summary\":\"" + person.givenName() + " " + person.familyName() + " called from "
                    + person.phone() + "\"}").statusCode()).isEqualTo(201);
            // The device can be registered once the notification service knows the profile (from its event).
            await().atMost(Duration.ofSeconds(60)).until(() -> post("/api/v1/notifications/devices", person.token(),
                    "{\"token\":\"" + person.deviceToken() + "\",\"platform\":\"android\"}").statusCode() == 201);
            assertThat(post("/api/v1/notifications", token(DemoUser.ADMIN), "{\"channel\":\"push\",\"customerId\":\""
                    + customerId + "\",\"subject\":\"Hello\",\"text\":\"For " + person.givenName() + "\"}").statusCode())
                    .isEqualTo(201);
            String kept = placeOrder(person);
            String cancelled = placeOrder(person);
            awaitStatus(cancelled, person.token(), "AWAITING_PAYMENT");
            assertThat(post("/api/v1/orders/" + cancelled + "/cancel", person.token(),
                    "{\"reason\":\"Wrong lamp, call me on " + person.phone() + "\"}").statusCode()).isEqualTo(200);
            awaitStatus(cancelled, person.token(), "CANCELLED");
            // Welcome, two orders placed, one cancelled: four mails in their mailbox, each SENT in the log.
            await().atMost(Duration.ofSeconds(60)).until(() -> mailsTo(person.email()) >= 4);
            await().atMost(Duration.ofSeconds(60)).until(() -> sentWebhooks(customerId) >= 3);
            return new Footprint(customerId, List.of(kept, cancelled));
        } finally {
            assertThat(send("DELETE", "/api/v1/webhooks/subscriptions/" + subscription, integrationToken(), null)
                    .statusCode()).isEqualTo(204);
        }
    }

    private void awaitErasedEverywhere(Footprint footprint) {
        String admin = token(DemoUser.ADMIN);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String order : footprint.orderIds()) {
                JsonNode placed = JSON.readTree(get("/api/v1/orders/" + order, admin).body()).path("history").get(0);
                assertThat(placed.path("actor").asText()).as("order " + order).isEqualTo("erased-customer");
            }
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode log = JSON.readTree(get("/api/v1/notifications?size=100&customerId=" + footprint.customerId(), admin)
                    .body());
            for (JsonNode item : log.path("items")) {
                if (!"WEBHOOK".equals(item.path("channel").asText())) {
                    assertThat(item.path("recipient").asText()).as(item.toString()).isEqualTo("(erased)");
                }
            }
            JsonNode devices = JSON.readTree(get("/api/v1/notifications/devices?customerId=" + footprint.customerId(),
                    admin).body());
            assertThat(devices.path("total").asLong()).isZero();
        });
    }

    private List<PersonalDataSearch.Hit> databaseHits(Person person) throws Exception {
        List<PersonalDataSearch.Hit> hits = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (!service.hasDatabase()) {
                continue;
            }
            String url = Platform.h2Url(platform.settings().dataDirectory().resolve("db").resolve(service.serviceName()));
            try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
                List<String> tables = PersonalDataSearch.tables(connection);
                assertThat(tables).as(service + " tables from the catalog").anyMatch(t -> t.endsWith(".\"outbox_event\""));
                if (service == PlatformService.ORDER) {
                    assertThat(tables).as("the engine's tables").anyMatch(t -> t.endsWith(".\"act_hi_varinst\""));
                }
                hits.addAll(PersonalDataSearch.find(connection, person.texts()));
            }
        }
        return hits;
    }

    /** The topics searched (the broker's own included), the records that hold the person, each topic's retention. */
    private record TopicSearch(Set<String> searched, List<ConsumerRecord<String, byte[]>> hits,
            Map<String, Duration> retention) {
    }

    private TopicSearch searchTopics(Person person) throws Exception {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        Set<String> topics;
        Map<String, Duration> retention = new HashMap<>();
        try (Admin admin = Admin.create(settings)) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            configs.forEach((resource, config) -> retention.put(resource.name(),
                    Duration.ofMillis(Long.parseLong(config.get("retention.ms").value()))));
        }
        List<String> needles = person.texts().stream().map(text -> text.toLowerCase(Locale.ROOT)).toList();
        List<ConsumerRecord<String, byte[]>> hits = new ArrayList<>();
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumer)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> reader.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    String text = new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8)
                            .toLowerCase(Locale.ROOT);
                    if (needles.stream().anyMatch(text::contains)) {
                        hits.add(record);
                    }
                }
            }
            assertThat(partitions).as("every topic read to its end")
                    .allSatisfy(p -> assertThat(reader.position(p)).isGreaterThanOrEqualTo(ends.get(p)));
        }
        return new TopicSearch(topics, hits, retention);
    }

    private String placeOrder(Person person) throws Exception {
        HttpResponse<String> placed = send("POST", "/api/v1/orders", person.token(), SMALL_ORDER,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return JSON.readTree(placed.body()).path("id").asText();
    }

    private void awaitStatus(String order, String token, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                status.equals(JSON.readTree(get("/api/v1/orders/" + order, token).body()).path("status").asText()));
    }

    /** A partner's subscription to every event, at the dev webhook inbox; deleted once the footprint is left. */
    private String subscribeEverything() throws Exception {
        HttpResponse<String> created = post("/api/v1/webhooks/subscriptions", integrationToken(),
                "{\"url\":\"" + platform.webhookInboxUrl() + "/privacy\",\"eventTypes\":[\"*\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private long sentWebhooks(String customerId) throws Exception {
        JsonNode log = JSON.readTree(get("/api/v1/notifications?channel=webhook&size=100&customerId=" + customerId,
                token(DemoUser.ADMIN)).body());
        long sent = 0;
        for (JsonNode item : log.path("items")) {
            sent += "SENT".equals(item.path("status").asText()) ? 1 : 0;
        }
        return sent;
    }

    /** Mails in the person's dev mailbox (IMAP: user = the address, any password). */
    private int mailsTo(String address) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.settings().imapPort(), address, "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        }
    }

    private static String token(DemoUser user) {
        return Tokens.passwordGrant(platform.tokenEndpoint(), user.username(), user.password()).accessToken();
    }

    private static String integrationToken() {
        return Tokens.clientCredentialsGrant(platform.tokenEndpoint(), ServiceClient.INTEGRATION_DEMO.clientId(),
                ServiceClient.INTEGRATION_DEMO.secret()).accessToken();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, Map.of());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Someone who signs up in the realm (a Keycloak account with the role customer, made through Keycloak's
     * admin API), with an e-mail address, name, phone number and device token no one else has.
     */
    private record Person(String accountId, String username, String password, String email, String givenName,
            String familyName, String phone, String deviceToken) {

        static Person signUp() throws Exception {
            String letters = PersonalDataSearch.randomLetters(6);
            String username = "privacy-" + UUID.randomUUID();
            String password = "dev-only-" + UUID.randomUUID();
            String email = username + "@example.com";
            String givenName = "Ines" + letters;
            String familyName = "Marrow" + letters;
            String admin = adminToken();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/users")))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username,
                            "email", email, "firstName", givenName, "lastName", familyName, "enabled", true,
                            "emailVerified", true, "credentials", List.of(Map.of("type", "password", "value", password,
                                    "temporary", false)))))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String location = created.headers().firstValue("Location").orElseThrow();
            String accountId = location.substring(location.lastIndexOf('/') + 1);
            String role = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/roles/customer")))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body();
            HttpResponse<String> granted = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/users/" + accountId
                    + "/role-mappings/realm"))).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
            return new Person(accountId, username, password, email, givenName, familyName,
                    "+49157" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000), "device-" + UUID.randomUUID());
        }

        String token() {
            return Tokens.passwordGrant(platform.tokenEndpoint(), username, password).accessToken();
        }

        List<String> texts() {
            return List.of(email, givenName, familyName, phone, deviceToken);
        }

        /** The sign-in account is Keycloak's to delete (docs/privacy.md): done here so the realm keeps no test users. */
        void deleteAccount() throws Exception {
            HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(adminUrl("/users/" + accountId)))
                    .header("Authorization", "Bearer " + adminToken()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
        }

        private static String adminUrl(String path) {
            return platform.issuerUri().replace("/realms/", "/admin/realms/") + path;
        }

        /** The master realm's dev-only bootstrap administrator, through Keycloak's admin-cli client. */
        private static String adminToken() throws Exception {
            String base = platform.issuerUri().substring(0, platform.issuerUri().indexOf("/realms/"));
            String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USERNAME
                    + "&password=" + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/realms/master/protocol/openid-connect/token")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("access_token").asText();
        }
    }

}
