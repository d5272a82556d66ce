package io.oasis.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.Tokens;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shipping and orders on a customer's behalf as the launcher runs them, through the gateway: the order goes
 * to the customer's address, the carrier (the dev partner sandbox) books the parcel there, the tracking link
 * is on the order and in the customer's "on its way" mail; an order support places for the customer is the
 * customer's, in their list and their mailbox.
 */
@ExtendWith(SharedPlatform.class)
class ShippingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Platform platform;
    private static String gateway;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.platform();
        gateway = platform.baseUrl(PlatformService.GATEWAY);
    }

    @Test
    void theCarrierShipsToTheProfilesAddressAndTheCustomerGetsTheTrackingLinkOnTheOrderAndByMail() throws Exception {
        String customer = token(DemoUser.CUSTOMER);
        JsonNode home = JSON.readTree(send("GET", gateway + "/api/v1/customers/me", customer, null).body())
                .path("shippingAddress");
        assertThat(home.path("country").asText()).as("the launcher gives the demo customer an address").isEqualTo("DE");
        HttpResponse<String> placed = send("POST", gateway + "/api/v1/orders", customer,
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"BOX-1\",\"name\":\"Parcel box\",\"quantity\":1,\"unitPrice\":7.00}]}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = JSON.readTree(placed.body()).path("id").asText();
        assertThat(JSON.readTree(placed.body()).path("shippingAddress")).isEqualTo(home);

        awaitOrder(id, customer, order -> order.path("status").asText().equals("AWAITING_PAYMENT"));
        signed(DevOnlySecrets.PAYMENT_WEBHOOK_SECRET, "/api/v1/payments/webhook",
                "{\"orderId\":\"" + id + "\",\"paymentId\":\"pay-" + id + "\",\"outcome\":\"paid\"}");
        JsonNode shipment = awaitOrder(id, customer, order -> order.has("shipment")).path("shipment");
        String tracking = shipment.path("trackingNumber").asText();
        String link = shipment.path("trackingUrl").asText();

        // The carrier got the address and follows the parcel at the link it answered.
        JsonNode booking = null;
        for (JsonNode call : JSON.readTree(send("GET", sandbox(), null, null).body()).path("received")) {
            if (call.path("path").asText().equals("/sandbox/carrier/shipments")
                    && call.path("body").path("orderId").asText().equals(id)) {
                booking = call;
            }
        }
        assertThat(booking).as("the carrier's booking of " + id).isNotNull();
        assertThat(booking.path("body").path("address")).isEqualTo(home);
        assertThat(booking.path("answer").path("trackingId").asText()).isEqualTo(tracking);
        assertThat(link).startsWith(sandbox() + "/carrier/track/");
        JsonNode followed = JSON.readTree(send("GET", link, null, null).body());
        assertThat(followed.path("orderId").asText()).isEqualTo(id);

        // The carrier's own notice that it left, signed, through the gateway: the customer is told, with the link.
        HttpResponse<String> left = send("POST", sandbox() + "/carrier/shipments/" + tracking + "/shipped", null, null);
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        awaitOrder(id, customer, order -> order.path("status").asText().equals("SHIPPED"));
        AtomicReference<String> mail = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            mail.set(mailMentioning("customer@oasis.example", tracking));
            return mail.get() != null;
        });
        assertThat(mail.get()).contains(id, "Tracking number: " + tracking, link);
    }

    @Test
    void anOrderSupportPlacesForTheCustomerIsTheirsInTheirListAndMailbox() throws Exception {
        String customer = token(DemoUser.CUSTOMER);
        String support = token(DemoUser.SUPPORT);
        String customerId = JSON.readTree(send("GET", gateway + "/api/v1/customers/me", customer, null).body())
                .path("id").asText();

        HttpResponse<String> placed = send("POST", gateway + "/api/v1/orders", support, "{\"customerId\":\"" + customerId
                + "\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"PHONE-ORDER-1\",\"name\":\"Phone order\",\"quantity\":1,"
                + "\"unitPrice\":11.00}]}");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = JSON.readTree(placed.body());
        String id = order.path("id").asText();
        assertThat(order.path("customerId").asText()).isEqualTo(customerId);
        assertThat(order.path("placedBy").asText()).isNotBlank()
                .isEqualTo(order.path("history").get(0).path("actor").asText());
        assertThat(JSON.readTree(send("GET", gateway + "/api/v1/orders?size=100", customer, null).body()).path("items")
                .findValuesAsText("id")).contains(id);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> mailMentioning("customer@oasis.example", id) != null);
        assertThat(send("GET", gateway + "/api/v1/orders/" + id, token(DemoUser.CUSTOMER2), null).statusCode())
                .isEqualTo(404);
    }

    private static String sandbox() {
        return "http://localhost:" + platform.settings().partnerSandbox().port() + "/sandbox";
    }

    /** The text of the first mail in the dev mailbox of {@code address} that mentions {@code text}, or null. */
    private static String mailMentioning(String address, String text) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", platform.settings().imapPort(), address, "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            for (Message message : inbox.getMessages()) {
                String body = message.getContent() instanceof Multipart parts
                        ? (String) parts.getBodyPart(0).getContent() : String.valueOf(message.getContent());
                if (body.contains(text)) {
                    return body;
                }
            }
            return null;
        }
    }

    private static JsonNode awaitOrder(String id, String token, Predicate<JsonNode> until) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last.set(JSON.readTree(send("GET", gateway + "/api/v1/orders/" + id, token, null).body()));
            return until.test(last.get());
        });
        return last.get();
    }

    /** A provider's callback through the gateway, signed as the API document says, accepted. */
    private static void signed(String secret, String path, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "\nPOST\n" + path + "\n" + body)
                .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Oasis-Timestamp", timestamp).header("X-Oasis-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    }

    private static String token(DemoUser user) throws Exception {
        return Tokens.passwordGrant(platform.tokenEndpoint(), user.username(), user.password()).accessToken();
    }

    private static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
