package io.oasis.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEV ONLY. A local receiver for webhook subscriptions, like the dev mailbox is for mail: it answers every
 * {@code POST /webhooks/...} with 204, keeps the last deliveries (headers and body) and lists them, newest
 * first, at {@code GET /webhooks}. It listens on loopback only and checks no signature: the receiver's own
 * code does that, with the secret the subscription was given.
 */
final class DevWebhookInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevWebhookInbox.class);
    private static final int KEPT = 100;
    private static final int MAX_BODY = 256 * 1024;
    private static final List<String> SHOWN_HEADERS = List.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "content-type", "user-agent");

    private final HttpServer server;
    private final Deque<Map<String, Object>> deliveries = new ArrayDeque<>();
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    private DevWebhookInbox(HttpServer server) {
        this.server = server;
    }

    static DevWebhookInbox start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            DevWebhookInbox inbox = new DevWebhookInbox(server);
            server.createContext("/webhooks", inbox::handle);
            server.start();
            return inbox;
        } catch (IOException e) {
            throw new PlatformStartException("The dev webhook inbox cannot listen on port " + port + ": " + e, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "POST" -> receive(exchange);
                case "GET" -> list(exchange);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY);
        }
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("receivedAt", Instant.now().toString());
        delivery.put("path", exchange.getRequestURI().getPath());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : SHOWN_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        delivery.put("headers", headers);
        String text = new String(body, StandardCharsets.UTF_8);
        // The exact text that was signed, next to its parsed form for reading.
        delivery.put("rawBody", text);
        try {
            delivery.put("body", json.readTree(text));
        } catch (IOException notJson) {
            delivery.put("body", text);
        }
        synchronized (deliveries) {
            deliveries.addFirst(delivery);
            while (deliveries.size() > KEPT) {
                deliveries.removeLast();
            }
        }
        log.info("  webhook to {}: {} (webhook-id {})", delivery.get("path"),
                json.readTree(text.isEmpty() ? "{}" : text).path("type").asText("?"), headers.get("webhook-id"));
        exchange.sendResponseHeaders(204, -1);
    }

    private void list(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> snapshot;
        synchronized (deliveries) {
            snapshot = new ArrayList<>(deliveries);
        }
        byte[] answer = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
