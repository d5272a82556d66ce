package io.oasis.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oasis.testsupport.InstancePort;
import io.oasis.testsupport.RealParts;
import io.oasis.testsupport.RealParts.Part;
import io.oasis.testsupport.ServiceTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import io.oasis.gateway.server.GatewayHttpServer;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as it runs (its own config, a real port) against the real Keycloak of this module
 * run, metrics included, in front of a {@link StubService} for the customer service (with a second
 * instance, {@link #CUSTOMER_OTHER_INSTANCE}, that is dead unless a test hangs or revives it, so calls also
 * exercise failover) and one for the notification service.
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
@RealParts(Part.KEYCLOAK)
public abstract class GatewayTest extends ServiceTest {

    protected static final StubService CUSTOMER_SERVICE = StubService.start();
    /** The customer service's other instance, listed first: dead; a test that hangs or revives it kills it again. */
    protected static final InstancePort CUSTOMER_OTHER_INSTANCE = InstancePort.dead();
    /** A stub of its own, so tests see that a notification operation reaches that service and no other. */
    protected static final StubService NOTIFICATION_SERVICE = StubService.start();

    /** The management port (the actuator), on loopback: the server's port, which Spring runs. */
    @LocalServerPort
    protected int managementPort;

    @Autowired
    protected CamelContext camel;

    /** The public port, which the gateway's own server runs. */
    @Autowired
    void publicPort(GatewayHttpServer server) {
        port = server.port();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("oasis.services.customer-url", () -> CUSTOMER_OTHER_INSTANCE.url() + "," + CUSTOMER_SERVICE.url());
        registry.add("oasis.services.notification-url", NOTIFICATION_SERVICE::url);
        // The customer stand-in answers for the order service too: no test call may leave for a real port.
        registry.add("oasis.services.order-url", CUSTOMER_SERVICE::url);
    }

    /** The public port, where the gateway's callers come in. */
    @Override
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The circuit breakers of the customer service's two instances. */
    protected List<CircuitBreaker> customerBreakers() {
        return camel.getRegistry().findByTypeWithName(CircuitBreaker.class).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("gateway-call-customer-"))
                .map(Map.Entry::getValue).toList();
    }

    /** Each customer instance's breaker closed, as after a restart, so that the next calls try both. */
    protected void closeCustomerBreakers() {
        customerBreakers().forEach(CircuitBreaker::reset);
    }

    /** GET on the management port, with the bearer token unless it is null. */
    protected HttpResponse<String> getManagement(String path, String bearerToken) throws IOException, InterruptedException {
        return send(requestTo("http://localhost:" + managementPort + path, bearerToken).GET());
    }
}
