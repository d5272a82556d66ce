package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer service at two instances, one of them dead (its port closed), hung (connections taken, never
 * answered) or back: callers are answered by the live one meanwhile, a request that reached the bad one is
 * sent to the other only where repeating it is safe, and the one that comes back gets calls again.
 */
class InstanceFailoverTest extends GatewayTest {

    private static final String NEW_CUSTOMER = "{\"email\":\"ada@example.com\",\"givenName\":\"Ada\",\"familyName\":\"Lovelace\"}";

    private String reader;
    private String admin;
    private StubService revived;

    @BeforeEach
    void bothBreakersClosed() {
        reader = Keycloak.accessToken(DemoUser.CUSTOMER);
        admin = Keycloak.accessToken(DemoUser.ADMIN);
        closeCustomerBreakers();
        CUSTOMER_SERVICE.clear();
    }

    @AfterEach
    void otherInstanceDeadAgain() {
        CUSTOMER_OTHER_INSTANCE.kill();
        if (revived != null) {
            revived.stop();
            // Its keep-alive connections in the gateway's pool are closed now: a write without a key sent on one
            // would fail and not be repeated (it may have arrived). The next test starts from a refusing port.
            camel.getRegistry().lookupByNameAndType("gatewayConnections-customer", PoolingHttpClientConnectionManager.class)
                    .closeIdle(TimeValue.ZERO_MILLISECONDS);
        }
    }

    @Test
    void withOneInstanceDeadEveryReadAndWriteIsAnsweredByTheOtherOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(get("/api/v1/customers/" + UUID.randomUUID(), reader).statusCode()).isEqualTo(200);
            // A refused connection means the request never arrived: even a write without a key goes on.
            assertThat(createCustomer(null).statusCode()).isEqualTo(201);
            assertThat(createCustomer("key-" + UUID.randomUUID()).statusCode()).isEqualTo(201);
        }

        assertThat(CUSTOMER_SERVICE.pending()).as("requests the live instance got, each once").isEqualTo(18);
        HttpResponse<String> metrics = getManagement("/actuator/prometheus", admin);
        assertThat(metrics.body()).as("the dead instance's breaker is open, the live one's closed")
                .contains(breakerGauge(CUSTOMER_OTHER_INSTANCE.url()) + " 1.0")
                .contains(breakerGauge(CUSTOMER_SERVICE.url()) + " 0.0");
    }

    @Test
    void withOneInstanceHungReadsAndKeyedWritesAreRepeatedOnTheOtherButAWriteWithoutKeyIsNot() throws Exception {
        CUSTOMER_OTHER_INSTANCE.hang();
        for (int i = 0; i < 4; i++) {
            assertThat(get("/api/v1/customers/" + UUID.randomUUID(), reader).statusCode()).isEqualTo(200);
        }
        assertThat(CUSTOMER_OTHER_INSTANCE.connectionsTaken()).as("reads that reached the hung instance").isPositive();

        closeCustomerBreakers();
        int taken = CUSTOMER_OTHER_INSTANCE.connectionsTaken();
        for (int i = 0; i < 4; i++) {
            assertThat(createCustomer("key-" + UUID.randomUUID()).statusCode()).isEqualTo(201);
        }
        assertThat(CUSTOMER_OTHER_INSTANCE.connectionsTaken()).as("keyed writes that reached the hung instance")
                .isGreaterThan(taken);
        assertThat(CUSTOMER_SERVICE.pending()).as("reads and keyed writes the live instance answered").isEqualTo(8);

        // The load balancer takes the instances in turn: of two writes without a key, one goes to the hung one.
        closeCustomerBreakers();
        CUSTOMER_SERVICE.clear();
        taken = CUSTOMER_OTHER_INSTANCE.connectionsTaken();
        List<Integer> statuses = List.of(createCustomer(null).statusCode(), createCustomer(null).statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(201, 504);
        assertThat(CUSTOMER_OTHER_INSTANCE.connectionsTaken() - taken).as("writes the hung instance took").isEqualTo(1);
        assertThat(CUSTOMER_SERVICE.pending()).as("the one it took was not sent to the live instance too").isEqualTo(1);
    }

    @Test
    void anInstanceThatComesBackGetsCallsAgainAndNoCallerNoticedItWasGone() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(get("/api/v1/customers/" + UUID.randomUUID(), reader).statusCode());
        }

        revived = StubService.startOn(CUSTOMER_OTHER_INSTANCE.port());
        // open-for=2s in the tests: then trial calls reach it, and once they succeed it is in the rotation again.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            statuses.add(get("/api/v1/customers/" + UUID.randomUUID(), reader).statusCode());
            assertThat(revived.pending()).as("calls the instance got since it came back").isPositive();
        });
        for (int i = 0; i < 6; i++) {
            statuses.add(get("/api/v1/customers/" + UUID.randomUUID(), reader).statusCode());
        }

        assertThat(statuses).as("every answer while one instance was gone and after").containsOnly(200);
        assertThat(customerBreakers()).extracting(CircuitBreaker::getState).containsOnly(CircuitBreaker.State.CLOSED);
        assertThat(revived.pending()).as("calls to the instance back, taken in turn with the other").isGreaterThanOrEqualTo(3);
    }

    private HttpResponse<String> createCustomer(String idempotencyKey) throws Exception {
        HttpRequest.Builder request = request("/api/v1/customers", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(NEW_CUSTOMER));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private static String breakerGauge(String instance) {
        return "oasis_gateway_breaker_state{instance=\"" + instance + "\",service=\"customer\"}";
    }
}
