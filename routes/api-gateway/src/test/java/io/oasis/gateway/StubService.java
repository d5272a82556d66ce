package io.oasis.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A service instance on a loopback port, standing in for a service in the gateway's own tests: it
 * records what the gateway forwarded and answers by the id in the path.
 */
public final class StubService {

    /** GET of this customer answers a 404 problem, as the service would. */
    public static final String MISSING_ID = "00000000-0000-0000-0000-000000000404";
    /** GET of this customer answers only after longer than the gateway waits. */
    public static final String SLOW_ID = "00000000-0000-0000-0000-000000000504";
    /** GET of this customer answers 503 with {@code Retry-After: 2}, as a busy service would. */
    public static final String BUSY_ID = "00000000-0000-0000-0000-000000000503";
    /** Answered 401, as a callback with a bad signature is. */
    public static final String REFUSED_ID = "00000000-0000-0000-0000-000000000401";

    private final HttpServer server;
    private final BlockingDeque<Recorded> received = new LinkedBlockingDeque<>();

    public record Recorded(String method, String uri, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    private StubService(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::answer);
        server.start();
    }

    public static StubService start() {
        return startOn(0);
    }

    /** A stub on this port (one that came back), for as long as the test needs it. */
    public static StubService startOn(int port) {
        try {
            return new StubService(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gone: connections to its port are refused again. */
    public void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request the gateway forwarded (waits a little for it). */
    public Recorded next() throws InterruptedException {
        Recorded request = received.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("The service received no request");
        }
        return request;
    }

    public void clear() {
        received.clear();
    }

    public int pending() {
        return received.size();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() != null ? "?" + exchange.getRequestURI().getRawQuery() : "");
        received.add(new Recorded(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), body));
        try {
            if (uri.contains(SLOW_ID)) {
                Thread.sleep(3000); // the service hangs: longer than the gateway's response timeout in tests
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (uri.contains(BUSY_ID)) {
            exchange.getResponseHeaders().add("Retry-After", "2");
            send(exchange, 503, "application/problem+json",
                    "{\"type\":\"urn:oasis:problem:unavailable\",\"title\":\"Busy\",\"status\":503}");
            return;
        }
        if (uri.contains(REFUSED_ID)) {
            send(exchange, 401, "application/problem+json",
                    "{\"type\":\"urn:oasis:problem:unauthorized\",\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        if (uri.contains(MISSING_ID)) {
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"urn:oasis:problem:not-found\",\"title\":\"Not found\",\"status\":404}");
            return;
        }
        exchange.getResponseHeaders().add("ETag", "\"7\"");
        exchange.getResponseHeaders().add("X-Served-By", "stub");
        exchange.getResponseHeaders().add("Cache-Control", "private, max-age=60");
        exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"stub\"");  // hop-by-hop: stops at the gateway
        int status = "POST".equals(exchange.getRequestMethod()) ? 201 : 200;
        send(exchange, status, "application/json", "{\"echo\":\"" + exchange.getRequestMethod() + "\"}");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
