package io.oasis.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.contract.ApiOperation;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.config.GatewayProperties;
import io.oasis.gateway.GatewayTest;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Budgets per caller: headers on every answer, 429 with Retry-After past the burst. */
class RateLimitTest extends GatewayTest {

    @Test
    void everyAnswerUnderALimitSaysSo() throws Exception {
        HttpResponse<String> response = get("/api/v1/me", Keycloak.accessToken(DemoUser.CUSTOMER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("\"customer\";q="));
        assertThat(response.headers().firstValue("RateLimit")).hasValueSatisfying(
                limit -> assertThat(limit).matches("\"customer\";r=\\d+;t=\\d+"));
    }

    @Test
    void pastTheBurstTheAnswerIs429WithRetryAfter() throws Exception {
        // customer-register-self has its own budget of 5 at once (config/gateway.yml).
        String token = Keycloak.accessToken(DemoUser.CUSTOMER2);
        for (int i = 0; i < 5; i++) {
            assertThat(registerSelf(token).statusCode()).isEqualTo(201);
        }
        HttpResponse<String> limited = registerSelf(token);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(limited.headers().firstValue("RateLimit")).hasValue("\"customer-register-self\";r=0;t="
                + limited.headers().firstValue("RateLimit").orElseThrow().replaceAll(".*t=", ""));
        assertThat(limited.body()).contains("\"status\":429");
        // Another caller has a bucket of their own.
        assertThat(get("/api/v1/me", Keycloak.accessToken(DemoUser.SUPPORT)).statusCode()).isEqualTo(200);
    }

    @Test
    void redisBucketsAreSharedBetweenGatewayInstances() throws Exception {
        assertThat(redisUp()).as("Redis must answer on 127.0.0.1:6379 (.ci/run starts it)").isTrue();
        GatewayProperties.RateLimits limits = new GatewayProperties.RateLimits(new GatewayProperties.Limit(60, 3),
                new GatewayProperties.Limit(60, 3), new GatewayProperties.Limit(60, 3), Map.of(), Map.of(), null);
        ApiOperation operation = new ApiOperation("customer-me", "GET", "/api/v1/customers/me", "customer", List.of("customer"), false);
        CurrentUser caller = new CurrentUser(UUID.randomUUID().toString(), "u", null, null, null, null,
                List.of("customer"), "redis-test");
        try (RateLimiter one = RateLimiter.redis(limits, "redis://127.0.0.1:6379");
                RateLimiter two = RateLimiter.redis(limits, "redis://127.0.0.1:6379")) {
            assertThat(one.take(operation, Optional.of(caller), "127.0.0.1").allowed()).isTrue();
            assertThat(two.take(operation, Optional.of(caller), "127.0.0.1").allowed()).isTrue();
            assertThat(one.take(operation, Optional.of(caller), "127.0.0.1").allowed()).isTrue();
            RateLimitDecision fourth = two.take(operation, Optional.of(caller), "127.0.0.1");
            assertThat(fourth.allowed()).isFalse();
            assertThat(fourth.retryAfterSeconds()).isPositive();
        }
    }

    @Test
    void theRefusalBudgetIsPerAddressAndLooksWithoutTaking() throws Exception {
        GatewayProperties.Limit three = new GatewayProperties.Limit(1, 3);
        GatewayProperties.RateLimits limits = new GatewayProperties.RateLimits(three, three, three, Map.of(), Map.of(),
                null);
        try (RateLimiter limiter = RateLimiter.local(limits)) {
            assertRefusals(limiter, limiter, "192.0.2.10");
        }
    }

    @Test
    void refusalsAreCountedInRedisForEveryGatewayInstance() throws Exception {
        GatewayProperties.Limit three = new GatewayProperties.Limit(1, 3);
        GatewayProperties.RateLimits limits = new GatewayProperties.RateLimits(three, three, three, Map.of(), Map.of(),
                null);
        try (RateLimiter one = RateLimiter.redis(limits, "redis://127.0.0.1:6379");
                RateLimiter two = RateLimiter.redis(limits, "redis://127.0.0.1:6379")) {
            assertRefusals(one, two, "test-" + UUID.randomUUID());
        }
    }

    /** Three refusals of an address through either limiter spend its budget; looking takes nothing. */
    private static void assertRefusals(RateLimiter one, RateLimiter two, String address) {
        for (int i = 0; i < 5; i++) {
            assertThat(one.refusalsLeft(address).allowed()).as("looking takes nothing").isTrue();
        }
        assertThat(one.refuse(address).allowed()).isTrue();
        assertThat(two.refuse(address).allowed()).isTrue();
        assertThat(one.refuse(address).allowed()).isTrue();

        RateLimitDecision spent = two.refusalsLeft(address);
        assertThat(spent.allowed()).isFalse();
        assertThat(spent.policy()).isEqualTo("refusals");
        assertThat(spent.retryAfterSeconds()).isPositive();
        assertThat(one.refuse(address).allowed()).isFalse();
        assertThat(two.refusalsLeft(address + "-other").allowed()).as("another address").isTrue();
    }

    private HttpResponse<String> registerSelf(String token) throws Exception {
        return postJson("/api/v1/customers/me", token, "{\"country\":\"DE\"}");
    }

    private static boolean redisUp() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
