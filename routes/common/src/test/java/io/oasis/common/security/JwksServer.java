package io.oasis.common.security;

import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JWK set endpoint on 127.0.0.1 that a test can stop, restart on the same port, make fail
 * (503), and rotate. It stands in for Keycloak's certs endpoint so the tests exercise our key cache.
 */
final class JwksServer implements AutoCloseable {

    private final int port;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile JWKSet keys = new JWKSet();
    private volatile boolean failing;
    private HttpServer server;

    private JwksServer(int port) {
        this.port = port;
    }

    /** A server whose port is reserved but which is not listening yet. */
    static JwksServer onFreePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new JwksServer(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "http://127.0.0.1:" + port + "/certs";
    }

    JwksServer serve(JWKSet publicKeys) {
        this.keys = publicKeys.toPublicJWKSet();
        return this;
    }

    /** Answer 503 instead of the keys (the endpoint is there but broken). */
    void failing(boolean failing) {
        this.failing = failing;
    }

    int requests() {
        return requests.get();
    }

    synchronized JwksServer start() {
        // The previous listener on the port is released asynchronously after stop(): bind when it is free.
        server = await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(BindException.class)
                .until(() -> HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0),
                        created -> created != null);
        server.createContext("/certs", exchange -> {
            requests.incrementAndGet();
            byte[] body = (failing ? "{\"error\":\"unavailable\"}" : keys.toString()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return this;
    }

    /** Stops listening: connections are refused, as when Keycloak is down. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
