package io.oasis.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.StubService;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A hung service: the gateway gives up after its timeout, then stops calling it for a while; a slow
 * one gets no more than its share of calls at once.
 */
class ResilienceTest extends GatewayTest {

    @Test
    void aSlowServiceGetsNoMoreCallsAtOnceThanItsLimitAndTheOthersAreNotHeldUp() throws Exception {
        String token = Keycloak.accessToken(DemoUser.SUPPORT);
        String slow = "/api/v1/notifications/" + StubService.SLOW_ID;
        NOTIFICATION_SERVICE.clear();

        // max-concurrent-calls=2 for the notification service in the tests: two slow calls take both places.
        CompletableFuture<HttpResponse<String>> first = sendAsync(request(slow, token).GET());
        CompletableFuture<HttpResponse<String>> second = sendAsync(request(slow, token).GET());
        await().atMost(Duration.ofSeconds(5)).until(() -> NOTIFICATION_SERVICE.pending() == 2);

        HttpResponse<String> third = get("/api/v1/notifications/" + UUID.randomUUID(), token);
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(third.body()).contains("Service busy");
        assertThat(NOTIFICATION_SERVICE.pending()).as("the refused call never reached the service").isEqualTo(2);

        // Meanwhile another service answers as usual.
        assertThat(get("/api/v1/customers/" + UUID.randomUUID(), token).statusCode()).isEqualTo(200);

        // The slow calls get their answers, and then the service takes calls again.
        assertThat(first.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(15, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/notifications/" + UUID.randomUUID(), token).statusCode()).isEqualTo(200);
        NOTIFICATION_SERVICE.clear();
    }

    @Test
    void aBusyServicesRetryAfterReachesTheCallerAtOnceAndTheCallIsNotRepeated() throws Exception {
        String token = Keycloak.accessToken(DemoUser.SUPPORT);
        CUSTOMER_SERVICE.clear();

        HttpResponse<String> busy = get("/api/v1/customers/" + StubService.BUSY_ID, token);

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).as("the service's own advice").hasValue("2");
        assertThat(busy.body()).contains("\"title\":\"Busy\"");
        CUSTOMER_SERVICE.next();
        assertThat(CUSTOMER_SERVICE.pending()).as("the gateway called the busy service once, and did not wait to call again")
                .isZero();
    }

    @Test
    void aHungServiceGets504sThenAnOpenBreakerAnswers503UntilItRecovers() throws Exception {
        String token = Keycloak.accessToken(DemoUser.SUPPORT);
        String slow = "/api/v1/customers/" + StubService.SLOW_ID;
        // Every instance hangs: the other one on every call, the stand-in on this customer. Both breakers start closed.
        CUSTOMER_OTHER_INSTANCE.hang();
        closeCustomerBreakers();
        try {
            // minimum-calls=4 in the tests: each call times out on both instances; after four, both breakers are open.
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> timedOut = get(slow, token);
                assertThat(timedOut.statusCode()).isEqualTo(504);
                assertThat(timedOut.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
            HttpResponse<String> open = get("/api/v1/customers/" + UUID.randomUUID(), token);
            assertThat(open.statusCode()).isEqualTo(503);
            assertThat(open.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(open.body()).contains("\"status\":503");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(get("/api/v1/customers/" + UUID.randomUUID(), token).statusCode()).isEqualTo(200));
        } finally {
            CUSTOMER_OTHER_INSTANCE.kill();
        }
        HttpResponse<String> metrics = getManagement("/actuator/prometheus", Keycloak.accessToken(DemoUser.ADMIN));
        assertThat(metrics.body())
                .contains("oasis_gateway_breaker_state{instance=\"" + CUSTOMER_SERVICE.url() + "\",service=\"customer\"}")
                .contains("oasis_gateway_breaker_state{instance=\"" + CUSTOMER_OTHER_INSTANCE.url() + "\",service=\"customer\"}")
                .contains("oasis_gateway_upstream_seconds_count{service=\"customer\"}")
                .contains("oasis_gateway_requests_seconds_count{method=\"GET\",operation=\"customer-get\"");
    }
}
