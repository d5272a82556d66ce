package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.Tokens;
import io.oasis.testsupport.CamundaModeler;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole platform, started the way the launcher starts it (Keycloak as a child process, the
 * embedded broker, H2 files, the dev mailbox, every service on its own port), then used the way a
 * newcomer would: readiness of each service, a token for a demo user, {@code /api/v1/me} through
 * the gateway. Only the settings differ from a user's: free ports and a fresh data folder, so it
 * runs next to a started launcher and never depends on anything started by hand. The platform is shared
 * with the module's other test classes ({@link SharedPlatform}).
 */
@ExtendWith(SharedPlatform.class)
class PlatformSmokeTest {

    private static Platform platform;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.platform();
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceIsReadyOnItsOwnPort(PlatformService service) throws Exception {
        HttpResponse<String> response = get(platform.baseUrl(service) + "/actuator/health/readiness", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asText()).isEqualTo("UP");
    }

    /** A developer's machine: nothing the launcher starts answers on another interface. */
    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void everyServiceListensOnLoopbackOnly(PlatformService service) throws Exception {
        assertThat(listeningAddresses(platform.settings().port(service))).isNotEmpty().containsOnly("127.0.0.1");
    }

    @Test
    void theGatewayTellsADemoUserWhoTheyAre() throws Exception {
        String token = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();

        HttpResponse<String> response = get(platform.baseUrl(PlatformService.GATEWAY) + "/api/v1/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(DemoUser.CUSTOMER.username());
    }

    @Test
    void theDemoCustomerHasAProfileToStartWith() throws Exception {
        String token = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();

        HttpResponse<String> response = get(platform.baseUrl(PlatformService.CUSTOMER) + "/api/v1/customers/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("email").asText()).isEqualTo("customer@oasis.example");
    }

    /** The engine checks authorizations on the launcher's H2 too: a designer reads definitions, a customer nothing. */
    @Test
    void aDesignerReadsTheDeployedDefinitionsOnEngineRest() throws Exception {
        String definitions = platform.baseUrl(PlatformService.ORDER) + "/engine-rest/process-definition?key=order-lifecycle";
        String designer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.DESIGNER.username(), DemoUser.DESIGNER.password()).accessToken();
        String customer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();

        HttpResponse<String> read = get(definitions, designer);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).findValuesAsText("key")).isNotEmpty().containsOnly("order-lifecycle");
        assertThat(get(definitions, customer).statusCode()).isEqualTo(403);
    }

    /**
     * Camunda Modeler's deploy button, as the realm's designer: the launcher's classpath once failed this with 500
     * (two commons-io versions). The answer is 200, engine-rest reads back the new version, and the next order
     * runs on it.
     */
    @Test
    void aDiagramDeployedFromCamundaModelerServesTheNextOrder() throws Exception {
        String engineRest = platform.baseUrl(PlatformService.ORDER) + "/engine-rest";
        String designer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.DESIGNER.username(), DemoUser.DESIGNER.password()).accessToken();
        String admin = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.ADMIN.username(), DemoUser.ADMIN.password()).accessToken();
        JsonNode serving = json(get(engineRest + "/process-definition/key/order-lifecycle", designer));
        String diagram = json(get(engineRest + "/process-definition/key/order-lifecycle/xml", designer))
                .path("bpmn20Xml").asText();
        String edited = diagram.replace("name=\"Order lifecycle\"", "name=\"Order lifecycle (from Modeler)\"");
        assertThat(edited).isNotEqualTo(diagram);

        HttpResponse<String> deployed = CamundaModeler.deploy(engineRest, designer, "order-lifecycle.bpmn", edited);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(json(deployed).path("source").asText()).isEqualTo(CamundaModeler.SOURCE);
        JsonNode latest = json(get(engineRest + "/process-definition/key/order-lifecycle", designer));
        assertThat(latest.path("version").asInt()).isEqualTo(serving.path("version").asInt() + 1);
        assertThat(latest.path("name").asText()).isEqualTo("Order lifecycle (from Modeler)");

        String customer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();
        HttpResponse<String> placed = post(platform.baseUrl(PlatformService.GATEWAY) + "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"CUP-1\",\"name\":\"Cup\",\"quantity\":1,\"unitPrice\":4.00}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode instances = json(get(engineRest + "/history/process-instance?processInstanceBusinessKey="
                + json(placed).path("id").asText(), admin));
        assertThat(instances.findValuesAsText("processDefinitionId")).containsExactly(latest.path("id").asText());
    }

    @Test
    void theGatewayRefusesACallerWithoutAToken() throws Exception {
        HttpResponse<String> response = get(platform.baseUrl(PlatformService.GATEWAY) + "/api/v1/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void anOrderIsMailedToTheCustomerAndDeliveredToAWebhookSubscription() throws Exception {
        String gateway = platform.baseUrl(PlatformService.GATEWAY);
        String integration = Tokens.clientCredentialsGrant(platform.tokenEndpoint(),
                ServiceClient.INTEGRATION_DEMO.clientId(), ServiceClient.INTEGRATION_DEMO.secret()).accessToken();
        String customer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER.username(), DemoUser.CUSTOMER.password()).accessToken();
        String support = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.SUPPORT.username(), DemoUser.SUPPORT.password()).accessToken();

        HttpResponse<String> subscribed = post(gateway + "/api/v1/webhooks/subscriptions", integration,
                "{\"url\":\"" + platform.webhookInboxUrl() + "/smoke\",\"eventTypes\":[\"OrderPlaced\"]}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        String secret = json(subscribed).path("secret").asText();
        String subscription = json(subscribed).path("id").asText();

        // Other tests of the shared launcher order as the demo customer too: this order's mail is one more.
        String customerId = json(get(gateway + "/api/v1/customers/me", customer)).path("id").asText();
        String log = gateway + "/api/v1/notifications?size=100&customerId=" + customerId;
        int mailsBefore = sentOrderPlaced(get(log, support)).size();

        HttpResponse<String> placed = post(gateway + "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"MUG-1\",\"name\":\"Mug\",\"quantity\":2,\"unitPrice\":12.50}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String orderId = json(placed).path("id").asText();
        assertThat(json(placed).path("customerId").asText()).isEqualTo(customerId);

        // Both show in the delivery log through the gateway, sent, each with its attempt: the mail to support
        // (who help the customer), the webhook to the subscription's owner.
        String deliveries = gateway + "/api/v1/webhooks/subscriptions/" + subscription + "/deliveries";
        await().atMost(Duration.ofSeconds(60)).until(() -> sentOrderPlaced(get(log, support)).size() == mailsBefore + 1
                && sentOrderPlaced(get(deliveries, integration)).size() == 1);
        assertThat(sentOrderPlaced(get(log, support))).hasSize(mailsBefore + 1).containsOnly("EMAIL");
        assertThat(sentOrderPlaced(get(deliveries, integration))).containsExactly("WEBHOOK");

        // The mail is in the dev mailbox (IMAP: user = the address, any password).
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.settings().imapPort(), "customer@oasis.example", "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            assertThat(subjects).contains("We received your order");
        }

        // The dev webhook inbox got it at this subscription's path (other tests' subscriptions may get the same
        // order, each signed with its own secret), signed as the Standard Webhooks spec says.
        JsonNode delivery = null;
        for (JsonNode each : json(get(platform.webhookInboxUrl(), null))) {
            if (each.path("path").asText().endsWith("/smoke")
                    && orderId.equals(each.path("body").path("data").path("orderId").asText())) {
                delivery = each;
            }
        }
        assertThat(delivery).as("the delivery of order " + orderId).isNotNull();
        JsonNode headers = delivery.path("headers");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signature = mac.doFinal((headers.path("webhook-id").asText() + "."
                + headers.path("webhook-timestamp").asText() + "." + delivery.path("rawBody").asText())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(headers.path("webhook-signature").asText().split(" "))
                .contains("v1," + Base64.getEncoder().encodeToString(signature));
    }

    /** The local addresses of this machine's listening TCP sockets on a port, as the kernel lists them. */
    private static List<String> listeningAddresses(int port) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if ("0A".equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** A kernel address in hex: IPv4 as one little-endian word, IPv6 as four. */
    private static String address(String hex) throws Exception {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        return InetAddress.getByAddress(bytes).getHostAddress();
    }

    @Test
    void aSignedPaymentNoticeThroughTheGatewayIsAcceptedOnce() throws Exception {
        String gateway = platform.baseUrl(PlatformService.GATEWAY);
        // The second demo customer, so the first one's notifications stay those of the test above.
        String customer = Tokens.passwordGrant(platform.tokenEndpoint(),
                DemoUser.CUSTOMER2.username(), DemoUser.CUSTOMER2.password()).accessToken();
        HttpResponse<String> profile = post(gateway + "/api/v1/customers/me", customer, "{}");
        assertThat(profile.statusCode()).as(profile.body()).isIn(201, 409);
        HttpResponse<String> placed = post(gateway + "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"PEN-1\",\"name\":\"Pen\",\"quantity\":1,\"unitPrice\":3.00}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String order = gateway + "/api/v1/orders/" + json(placed).path("id").asText();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(get(order, customer)).path("status").asText().equals("AWAITING_PAYMENT"));

        // Signed as the README's walk-through and the API document say, computed here on its own.
        String path = "/api/v1/payments/webhook";
        String body = "{\"orderId\":\"" + json(placed).path("id").asText() + "\",\"paymentId\":\"pay-smoke\","
                + "\"outcome\":\"paid\",\"amount\":3.00,\"currency\":\"EUR\"}";
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DevOnlySecrets.PAYMENT_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "\nPOST\n" + path + "\n" + body)
                .getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> first = signedPost(gateway + path, timestamp, signature, body);
        HttpResponse<String> again = signedPost(gateway + path, timestamp, signature, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(json(again).path("detail").asText()).contains("already used");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(get(order, customer)).path("status").asText().equals("PAID"));
    }

    /** The channels of the sent OrderPlaced notifications in a page of the delivery log. */
    private static List<String> sentOrderPlaced(HttpResponse<String> log) throws Exception {
        List<String> channels = new ArrayList<>();
        for (JsonNode item : json(log).path("items")) {
            if ("OrderPlaced".equals(item.path("eventType").asText()) && "SENT".equals(item.path("status").asText())
                    && item.path("attemptCount").asInt() >= 1) {
                channels.add(item.path("channel").asText());
            }
        }
        return channels;
    }

    private static HttpResponse<String> post(String url, String bearerToken, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + bearerToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST without a token, signed as a provider signs its callbacks. */
    private static HttpResponse<String> signedPost(String url, String timestamp, String signature, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Oasis-Timestamp", timestamp)
                .header("X-Oasis-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }
}
