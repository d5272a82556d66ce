package io.oasis.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service's own token: renewed in the background shortly before it expires, used while Keycloak cannot issue a
 * new one until it expires, Keycloak asked again a few seconds later rather than on every call, and an expired
 * token never handed out. The token
 * endpoint is a small server on 127.0.0.1 that a test can make fail (503), standing in for Keycloak's.
 */
class ServiceAccountTokenTest {

    private HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean failing;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private ServiceAccountToken token;

    @BeforeEach
    void tokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            requests.incrementAndGet();
            byte[] body = failing ? new byte[0] : ("{\"access_token\":\"token-" + issued.incrementAndGet()
                    + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failing ? 503 : 200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        token = new ServiceAccountToken(new ObjectMapper(), clock,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/token", "order-service", "dev-only");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksForANewTokenShortlyBeforeItsOwnExpiresWithoutMakingACallWait() throws Exception {
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        clock.advance(Duration.ofSeconds(260));
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        assertThat(requests.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(15));
        assertThat(token.bearer()).as("still valid: handed out while the new one is asked for").isEqualTo(
                "Bearer token-1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(token.bearer()).isEqualTo(
                "Bearer token-2"));
    }

    @Test
    void usesTheCurrentTokenWhileKeycloakCannotIssueANewOneUntilItExpires() throws Exception {
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        failing = true;
        clock.advance(Duration.ofSeconds(280));
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() == 2);

        clock.advance(Duration.ofSeconds(2));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(token.bearer()).isEqualTo("Bearer token-1");
            assertThat(requests.get()).as("not asked again on every call").isEqualTo(2);
        });
        clock.advance(Duration.ofSeconds(5));
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        await("asked again a few seconds later").atMost(Duration.ofSeconds(10)).until(() -> requests.get() == 3);

        clock.advance(Duration.ofSeconds(20));
        assertThatThrownBy(token::bearer).as("an expired token is not handed out").isInstanceOf(IOException.class)
                .hasMessageContaining("503");
        failing = false;
        assertThat(token.bearer()).isEqualTo("Bearer token-2");
    }

    @Test
    void withoutATokenAFailureIsTheCallersToHandle() {
        failing = true;
        assertThatThrownBy(token::bearer).isInstanceOf(IOException.class).hasMessageContaining("503");
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
