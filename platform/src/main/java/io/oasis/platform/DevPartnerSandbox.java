package io.oasis.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.oasis.common.signature.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEV ONLY. The shop's partners for the launcher, answering as their real APIs do so the shipped
 * connectors can be tried end to end on one machine (on loopback only):
 * <ul>
 * <li>warehouse: {@code POST /sandbox/warehouse/reservations} (409 when an item is the out-of-stock SKU),
 * {@code DELETE /sandbox/warehouse/reservations/{id}};</li>
 * <li>payment provider: {@code POST /sandbox/payments/refunds}, with its API key as a bearer token (401
 * without);</li>
 * <li>carrier: {@code POST /sandbox/carrier/shipments} books a parcel to the address sent (422 without a
 * street, city and country) and answers a tracking id and the link that follows it ({@code GET
 * /sandbox/carrier/track/{trackingId}}: the order and the address); {@code POST
 * /sandbox/carrier/shipments/{trackingId}/shipped} or {@code /delivered} makes the carrier send the order
 * service its signed callback for the order that shipment belongs to.</li>
 * </ul>
 * A share of calls ({@code failureRate}, 0 to 1) is answered 503, as a struggling partner would; set it with
 * {@code PARTNER_SANDBOX_FAILURE_RATE} or {@code PUT /sandbox/settings}. Repeated calls with the same
 * {@code Idempotency-Key} get the first answer. {@code GET /sandbox} lists what it received, newest first.
 */
final class DevPartnerSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevPartnerSandbox.class);
    private static final int KEPT = 200;
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final String apiKey;
    private final String outOfStockSku;
    private final String apiBaseUrl;
    private final String carrierCallbackSecret;
    private volatile double failureRate;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Deque<Map<String, Object>> received = new ArrayDeque<>();
    private final Map<String, String> reservations = new ConcurrentHashMap<>();
    /** Tracking id to order id: what the carrier's callbacks refer to. */
    private final Map<String, String> shipments = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> addresses = new ConcurrentHashMap<>();
    private final Map<String, Answer> answeredByKey = new ConcurrentHashMap<>();

    private DevPartnerSandbox(HttpServer server, String apiKey, String outOfStockSku, double failureRate,
            String apiBaseUrl, String carrierCallbackSecret) {
        this.server = server;
        this.apiKey = apiKey;
        this.outOfStockSku = outOfStockSku;
        this.failureRate = failureRate;
        this.apiBaseUrl = apiBaseUrl;
        this.carrierCallbackSecret = carrierCallbackSecret;
    }

    static DevPartnerSandbox start(int port, String apiKey, String outOfStockSku, double failureRate,
            String apiBaseUrl, String carrierCallbackSecret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
            DevPartnerSandbox sandbox = new DevPartnerSandbox(server, apiKey, outOfStockSku, failureRate, apiBaseUrl,
                    carrierCallbackSecret);
            server.createContext("/sandbox", sandbox::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "partner-sandbox");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new PlatformStartException("The dev partner sandbox cannot listen on port " + port + ": " + e, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            Answer answer;
            if (method.equals("GET") && path.equals("/sandbox")) {
                answer = new Answer(200, listing());
            } else if (method.equals("PUT") && path.equals("/sandbox/settings")) {
                answer = settings(body);
            } else {
                answer = partnerCall(exchange, method, path, body);
                remember(exchange, method, path, body, answer);
            }
            byte[] bytes = answer.body() == null ? new byte[0] : json.writerWithDefaultPrettyPrinter().writeValueAsBytes(answer.body());
            if (bytes.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Answer partnerCall(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && answeredByKey.containsKey(method + " " + path + " " + key)) {
            return answeredByKey.get(method + " " + path + " " + key);
        }
        if (!path.endsWith("/shipped") && !path.endsWith("/delivered")
                && ThreadLocalRandom.current().nextDouble() < failureRate) {
            return new Answer(503, Map.of("error", "temporarily unavailable (sandbox failure rate " + failureRate + ")"));
        }
        Answer answer = route(exchange, method, path, body);
        if (key != null && answer.status() < 300) {
            answeredByKey.put(method + " " + path + " " + key, answer);
        }
        return answer;
    }

    private Answer route(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        if (method.equals("POST") && path.equals("/sandbox/warehouse/reservations")) {
            return reserve(body);
        }
        if (method.equals("DELETE") && path.startsWith("/sandbox/warehouse/reservations/")) {
            String id = path.substring("/sandbox/warehouse/reservations/".length());
            return reservations.remove(id) != null ? new Answer(204, null)
                    : new Answer(404, Map.of("error", "no reservation " + id));
        }
        if (method.equals("POST") && path.equals("/sandbox/payments/refunds")) {
            if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                return new Answer(401, Map.of("error", "invalid API key"));
            }
            JsonNode refund = read(body);
            if (refund == null || refund.path("paymentId").asText("").isBlank()) {
                return new Answer(422, Map.of("error", "paymentId is required"));
            }
            return new Answer(201, Map.of("refundId", "ref-" + shortId(), "paymentId", refund.path("paymentId").asText(),
                    "status", "succeeded"));
        }
        if (method.equals("POST") && path.equals("/sandbox/carrier/shipments")) {
            JsonNode shipment = read(body);
            String service = shipment == null ? "" : shipment.path("service").asText("standard");
            if (shipment == null || shipment.path("orderId").asText("").isBlank() || !List.of("standard", "express").contains(service)) {
                return new Answer(422, Map.of("error", "orderId and a service of standard or express are required"));
            }
            JsonNode address = shipment.path("address");
            if (address.path("line1").asText("").isBlank() || address.path("city").asText("").isBlank()
                    || address.path("country").asText("").isBlank()) {
                return new Answer(422, Map.of("error", "an address with line1, city and country is required"));
            }
            String trackingId = "TRK-" + shortId().toUpperCase(Locale.ROOT);
            shipments.put(trackingId, shipment.path("orderId").asText());
            addresses.put(trackingId, address);
            String base = "http://localhost:" + server.getAddress().getPort() + "/sandbox/carrier/";
            return new Answer(201, Map.of("trackingId", trackingId, "service", service,
                    "trackingUrl", base + "track/" + trackingId, "labelUrl", base + "labels/" + trackingId));
        }
        if (method.equals("GET") && path.startsWith("/sandbox/carrier/track/")) {
            String trackingId = path.substring("/sandbox/carrier/track/".length());
            JsonNode address = addresses.get(trackingId);
            return address == null ? new Answer(404, Map.of("error", "no shipment " + trackingId))
                    : new Answer(200, Map.of("trackingId", trackingId, "orderId", shipments.get(trackingId), "address", address));
        }
        if (method.equals("POST") && path.startsWith("/sandbox/carrier/shipments/")
                && (path.endsWith("/shipped") || path.endsWith("/delivered"))) {
            String[] parts = path.split("/");
            return carrierCallback(parts[parts.length - 2], parts[parts.length - 1]);
        }
        return new Answer(404, Map.of("error", "the sandbox has no " + method + " " + path));
    }

    private Answer reserve(byte[] body) {
        JsonNode reservation = read(body);
        if (reservation == null || !reservation.path("items").isArray() || reservation.path("items").isEmpty()) {
            return new Answer(400, Map.of("error", "orderId and a list of items are required"));
        }
        for (JsonNode item : reservation.path("items")) {
            if (outOfStockSku.equals(item.path("sku").asText())) {
                return new Answer(409, Map.of("error", "out-of-stock", "sku", outOfStockSku));
            }
        }
        String id = "res-" + shortId();
        reservations.put(id, reservation.path("orderId").asText());
        return new Answer(201, Map.of("reservationId", id, "orderId", reservation.path("orderId").asText()));
    }

    /** The carrier tells the order service, signed, that the parcel with this tracking id moved on. */
    private Answer carrierCallback(String trackingId, String event) throws IOException {
        String orderId = shipments.get(trackingId);
        if (orderId == null) {
            return new Answer(404, Map.of("error", "no shipment " + trackingId));
        }
        String endpoint = event.equals("shipped") ? "shipment" : "delivery";
        byte[] notice = json.writeValueAsBytes(Map.of("trackingId", trackingId, "event", event));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String path = "/api/v1/orders/" + orderId + "/" + endpoint;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiBaseUrl + path))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("X-Oasis-Timestamp", timestamp)
                    .header("X-Oasis-Signature", SignedRequests.sign(carrierCallbackSecret, timestamp, "POST", path, notice))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(notice)).build(), HttpResponse.BodyHandlers.ofString());
            log.info("  partner sandbox: carrier called back through the gateway for order {} {} ({}): {}", orderId, event, trackingId,
                    response.statusCode());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("orderId", orderId);
            result.put("trackingId", trackingId);
            result.put("orderServiceAnswered", response.statusCode());
            result.put("answer", read(response.body().getBytes(StandardCharsets.UTF_8)));
            return new Answer(200, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, Map.of("error", "interrupted"));
        }
    }

    private Answer settings(byte[] body) {
        JsonNode settings = read(body);
        if (settings == null || !settings.path("failureRate").isNumber()
                || settings.path("failureRate").asDouble() < 0 || settings.path("failureRate").asDouble() > 1) {
            return new Answer(400, Map.of("error", "send {\"failureRate\": <a number from 0 to 1>}"));
        }
        failureRate = settings.path("failureRate").asDouble();
        log.info("  partner sandbox: failure rate now {}", failureRate);
        return new Answer(200, Map.of("failureRate", failureRate));
    }

    private void remember(HttpExchange exchange, String method, String path, byte[] body, Answer answer) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("receivedAt", Instant.now().toString());
        call.put("method", method);
        call.put("path", path);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            // What arrived is shown, never the key itself.
            call.put("authorization", authorization.startsWith("Bearer ") ? "Bearer ***" : "***");
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null) {
            call.put("idempotencyKey", key);
        }
        JsonNode parsed = read(body);
        call.put("body", parsed != null ? parsed : new String(body, StandardCharsets.UTF_8));
        call.put("answered", answer.status());
        call.put("answer", answer.body());
        synchronized (received) {
            received.addFirst(call);
            while (received.size() > KEPT) {
                received.removeLast();
            }
        }
        log.info("  partner sandbox: {} {} -> {}", method, path, answer.status());
    }

    private Object listing() {
        ObjectNode listing = json.createObjectNode();
        listing.put("failureRate", failureRate);
        listing.put("outOfStockSku", outOfStockSku);
        synchronized (received) {
            listing.set("received", json.valueToTree(new ArrayList<>(received)));
        }
        return listing;
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/sandbox";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Answer(int status, Object body) {
    }
}
