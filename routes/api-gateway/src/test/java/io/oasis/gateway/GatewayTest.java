package io.oasis.gateway;

import io.oasis.testsupport.Keycloak;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import io.oasis.gateway.server.GatewayHttpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as it runs (its own config, a real port) against the real Keycloak of this module
 * run, metrics included, in front of a {@link StubService} for the customer service (behind a dead
 * instance first, so every call also exercises failover) and one for the notification service.
 * Test classes extend this so they share one Spring context.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = ApiGatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=" + ApiGatewayApplication.NAME,
                // Short waits so a hung service is noticed quickly; a small window so the breaker test is short.
                "oasis.gateway.upstream.customer.connect-timeout=1s",
                "oasis.gateway.upstream.customer.response-timeout=1s",
                "oasis.gateway.upstream.customer.minimum-calls=4",
                "oasis.gateway.upstream.customer.open-for=2s",
                // Two calls at once at most; a slow notification call (3 s) still ends within the timeout.
                "oasis.gateway.upstream.notification.max-concurrent-calls=2",
                "oasis.gateway.upstream.notification.response-timeout=10s",
                // Room for the whole suite's requests per demo user; the limit tests use a stricter operation budget.
                "oasis.gateway.rate-limits.tiers.customer.per-minute=6000",
                "oasis.gateway.rate-limits.tiers.customer.burst=1000",
                "oasis.gateway.rate-limits.anonymous.burst=1000",
                // Room for the suite's refusals from this one address; FloodTest has a strict budget of its own.
                "oasis.gateway.rate-limits.refusals.per-minute=6000",
                "oasis.gateway.rate-limits.refusals.burst=1000",
                "oasis.http.max-body-size=4KB",
                "oasis.gateway.server.port=0",
                "oasis.gateway.cors.allowed-origins=https://shop.example.com"
        })
public abstract class GatewayTest {

    protected static final StubService CUSTOMER_SERVICE = StubService.start();
    /** A stub of its own, so tests see that a notification operation reaches that service and no other. */
    protected static final StubService NOTIFICATION_SERVICE = StubService.start();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The public port. */
    protected int port;

    /** The management port (the actuator), on loopback. */
    @LocalServerPort
    protected int managementPort;

    @Autowired
    void publicPort(GatewayHttpServer server) {
        port = server.port();
    }

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        Keycloak.register(registry);
        registry.add("oasis.services.customer-url", () -> deadInstance() + "," + CUSTOMER_SERVICE.url());
        registry.add("oasis.services.notification-url", NOTIFICATION_SERVICE::url);
        // The customer stand-in answers for the order service too: no test call may leave for a real port.
        registry.add("oasis.services.order-url", CUSTOMER_SERVICE::url);
    }

    /** GET on the gateway, with the bearer token unless it is null. */
    protected HttpResponse<String> get(String path, String bearerToken) throws IOException, InterruptedException {
        return send(request(path, bearerToken).GET());
    }

    /** GET on the management port, with the bearer token unless it is null. */
    protected HttpResponse<String> getManagement(String path, String bearerToken) throws IOException, InterruptedException {
        return send(request(managementPort, path, bearerToken).GET());
    }

    protected HttpRequest.Builder request(String path, String bearerToken) {
        return request(port, path, bearerToken);
    }

    /** A request to the given port of the gateway. */
    protected HttpRequest.Builder request(int port, String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(15));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same, without waiting for the answer. */
    protected CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A loopback address where nothing listens: connections to it are refused. */
    private static String deadInstance() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
