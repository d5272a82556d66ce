package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;

/**
 * Operations as an operator meets them on the running platform: the dashboard and the alert rules in
 * {@code deploy/observability/} query series the services really serve at /actuator/prometheus once an order
 * has gone through and a caller hit a rate limit, and a poisoned event ends up in the admin-only dead-letter
 * API, behind the gateway.
 */
@ExtendWith(SharedPlatform.class)
class OperationsTest {

    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Words of PromQL that are not metric names. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.platform();
        gateway = platform.baseUrl(PlatformService.GATEWAY);
    }

    @Test
    void theDashboardAndTheAlertsQuerySeriesTheServicesServe() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(OBSERVABILITY.resolve("oasis-platform-dashboard.json")));
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.path("expr").asText());
            }
        }
        assertThat(queries).as("the dashboard's queries").hasSizeGreaterThan(10).allMatch(q -> !metricNames(q).isEmpty());
        queries.addAll(alertExpressions());

        Set<String> wanted = new TreeSet<>();
        queries.forEach(query -> wanted.addAll(metricNames(query)));
        assertThat(wanted).contains("oasis_camunda_incidents", "oasis_outbox_oldest_age_seconds",
                "kafka_consumer_fetch_manager_records_lag_max", "oasis_gateway_rate_limited_total");

        // What makes the event-driven series appear: an order (connector calls, a mail), and a caller past a
        // limit (customer2 asks to register again, which is refused 409 until the operation's budget of 5 is
        // spent; no other test spends it).
        HttpResponse<String> placed = send("POST", "/api/v1/orders", token(DemoUser.CUSTOMER), """
                {"currency":"EUR","items":[{"sku":"LAMP-1","name":"Lamp","quantity":1,"unitPrice":30.00}]}""");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String customer2 = token(DemoUser.CUSTOMER2);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10 && !statuses.contains(429); i++) {
            statuses.add(send("POST", "/api/v1/customers/me", customer2, "{\"country\":\"DE\"}").statusCode());
        }
        assertThat(statuses).contains(429);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> served = servedSeries();
            assertThat(wanted).as("series in the dashboard and alerts that no service serves")
                    .allMatch(served::contains);
        });
    }

    @Test
    void deadLettersAreForAdminsThroughTheGateway() throws Exception {
        String path = "/api/v1/dead-letters/notification";
        String admin = token(DemoUser.ADMIN);

        HttpResponse<String> anonymous = send("GET", path, null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> support = send("GET", path, token(DemoUser.SUPPORT), null);
        assertThat(support.statusCode()).isEqualTo(403);
        assertThat(support.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(send("GET", path + "?replayed=perhaps", admin, null).statusCode()).isEqualTo(400);

        // A record on the order topic that is not an event: each consumer of the topic dead-letters it at once.
        String garbage = "not an event " + UUID.randomUUID();
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            producer.send(new ProducerRecord<>("oasis.order.events", "poison", garbage)).get();
        }
        String listed = path + "?consumer=notification-order-events&replayed=false&size=100";
        JsonNode letter = await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode each : JSON.readTree(send("GET", listed, admin, null).body()).path("items")) {
                if ("poison".equals(each.path("key").asText())) {
                    return each;
                }
            }
            return null;
        }, found -> found != null);
        assertThat(letter.path("topic").asText()).isEqualTo("oasis.order.events");
        assertThat(letter.has("payload") && !letter.path("payload").isNull()).as("a list leaves the payload out").isFalse();

        String id = letter.path("id").asText();
        HttpResponse<String> one = send("GET", path + "/" + id, admin, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).path("payload").asText()).isEqualTo(garbage);
        assertThat(send("GET", path + "/" + id, token(DemoUser.CUSTOMER), null).statusCode()).isEqualTo(403);

        // Not an event: sending it again would fail the same way, so it is refused and stays as it was.
        HttpResponse<String> replay = send("POST", path + "/" + id + "/replay", admin, null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(JSON.readTree(replay.body()).path("status").asInt()).isEqualTo(409);
        assertThat(JSON.readTree(send("GET", path + "/" + id, admin, null).body()).path("replayedAt").isNull()).isTrue();
        assertThat(send("POST", path + "/" + UUID.randomUUID() + "/replay", admin, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/" + id + "/replay", null, null).statusCode()).isEqualTo(401);

        // The customer service's consumer of the same topic has its own letter, in its own API.
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(send("GET",
                "/api/v1/dead-letters/customer?consumer=customer-order-history&size=100", admin, null).body())
                .path("items").findValuesAsText("key").contains("poison"));
    }

    /** The metric names a PromQL expression reads (not its functions, labels or keywords). */
    static Set<String> metricNames(String expression) {
        String bare = expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            String rest = bare.substring(matcher.end()).stripLeading();
            boolean call = rest.startsWith("(");
            boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            if (!call && !number && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertExpressions() throws Exception {
        Map<String, Object> rules = new Yaml().load(Files.readString(OBSERVABILITY.resolve("oasis-alerts.yml")));
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add((String) rule.get("expr"));
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        return expressions;
    }

    /** The names of every sample the four services serve at /actuator/prometheus (an admin may read it). */
    private static Set<String> servedSeries() throws Exception {
        String admin = token(DemoUser.ADMIN);
        List<String> endpoints = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.GATEWAY) {
                endpoints.add(platform.baseUrl(service) + "/actuator/prometheus");
            }
        }
        endpoints.add("http://127.0.0.1:" + platform.settings().gatewayManagementPort() + "/actuator/prometheus");
        Set<String> names = new HashSet<>();
        for (String endpoint : endpoints) {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(endpoint).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        }
        return names;
    }

    private static String token(DemoUser user) {
        return Tokens.passwordGrant(platform.tokenEndpoint(), user.username(), user.password()).accessToken();
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
