package io.oasis.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.oasis.gateway.GatewayTest;
import io.oasis.gateway.observe.AccessLog;
import io.oasis.keycloak.DemoUser;
import io.oasis.testsupport.Keycloak;
import io.oasis.gateway.StubService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A flood of failing requests from one address (no token, a forged token, a role the table refuses) is
 * answered 429 once the refusal budget is spent (the address's before any token of it is checked, a known
 * caller's own for their refusals), and is
 * logged as a rate; a caller whose token the gateway knows keeps being served. A gateway of its own, with
 * a small refusal budget that hardly refills and a one-second log interval.
 */
class FloodTest extends GatewayTest {

    private static final int REFUSALS = 10;
    private static final int FLOOD = 300;

    @MockitoSpyBean(name = "oasisJwtDecoder")
    JwtDecoder decoder;

    @DynamicPropertySource
    static void strictRefusals(DynamicPropertyRegistry registry) {
        registry.add("oasis.gateway.rate-limits.refusals.burst", () -> REFUSALS);
        registry.add("oasis.gateway.rate-limits.refusals.per-minute", () -> 1);
        registry.add("oasis.gateway.access-log.refusal-interval", () -> "1s");
    }

    @Test
    void aFloodOfFailingRequestsIsMostly429AndAFewLogLines() throws Exception {
        String customer = Keycloak.accessToken(DemoUser.CUSTOMER);
        assertThat(get("/api/v1/me", customer).statusCode()).as("the customer's token is known").isEqualTo(200);
        String forged = forgedToken();
        clearInvocations(decoder);

        List<ILoggingEvent> access = new CopyOnWriteArrayList<>();
        List<ILoggingEvent> failures = new CopyOnWriteArrayList<>();
        Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.ACCESS.getName());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> accessLines = appender(access);
        ListAppender<ILoggingEvent> otherLines = appender(failures);
        accessLogger.addAppender(accessLines);
        root.addAppender(otherLines);
        List<HttpResponse<String>> answers = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < FLOOD; i++) {
                answers.add(switch (i % 3) {
                    case 0 -> get("/api/v1/me", ANONYMOUS);
                    case 1 -> get("/api/v1/customers/me", forged);
                    default -> get("/api/v1/customers", customer);
                });
            }
        } finally {
            root.detachAppender(otherLines);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;

        List<HttpResponse<String>> refused = answers.stream().filter(a -> a.statusCode() == 401 || a.statusCode() == 403)
                .toList();
        List<HttpResponse<String>> limited = answers.stream().filter(a -> a.statusCode() == 429).toList();
        // The address's refusal budget for the requests without a valid token, the customer's own for theirs.
        assertThat(refused.stream().filter(a -> a.statusCode() == 401)).as("401 answers").hasSizeLessThanOrEqualTo(REFUSALS);
        assertThat(refused.stream().filter(a -> a.statusCode() == 403)).as("403 answers").hasSizeLessThanOrEqualTo(REFUSALS);
        assertThat(limited).as("429 answers").hasSize(FLOOD - refused.size());
        assertThat(limited).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                    retryAfter -> assertThat(retryAfter).isPositive());
            assertThat(answer.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                    policy -> assertThat(policy).startsWith("\"refusals\";q="));
            assertThat(answer.body()).contains("\"status\":429");
        });
        // The forged token's signature was checked only while the address could still be refused.
        verify(decoder, atMost(REFUSALS)).decode(anyString());
        assertThat(failures).as("warnings and stack traces").noneMatch(
                event -> event.getThrowableProxy() != null || event.getLevel().isGreaterOrEqual(Level.WARN));

        // At most a full line and a count per interval (the suite's other gateway may add its own count).
        await().atMost(Duration.ofSeconds(10)).until(() -> refusalsLogged(access) >= FLOOD);
        accessLogger.detachAppender(accessLines);
        assertThat(access).as("access-log lines for %d requests in %d s", FLOOD, seconds)
                .hasSizeLessThanOrEqualTo((int) (2 * (seconds + 3) + 2));
        assertThat(access).anySatisfy(line -> assertThat(line.getFormattedMessage())
                .matches("\\d+ more refusals from 127\\.0\\.0\\.1 in 1 s: \\{.*429=\\d+.*}"));

        // The known customer still has their own budget.
        HttpResponse<String> me = get("/api/v1/me", customer);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.headers().firstValue("RateLimit-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).startsWith("\"customer\";q="));
    }

    @Test
    void aServicesRefusalsSpendTheAddressesBudgetToo() throws Exception {
        // From an address of its own (the loopback network's 127.0.0.2), so that no other test's refusals count.
        CUSTOMER_SERVICE.clear();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < REFUSALS + 5; i++) {
            statuses.add(carrierNoticeFrom("127.0.0.2", StubService.REFUSED_ID));
        }

        assertThat(statuses.subList(0, REFUSALS)).as("the service's own answers").containsOnly(401);
        assertThat(statuses.subList(REFUSALS, statuses.size())).as("once the budget is spent").containsOnly(429);
        assertThat(CUSTOMER_SERVICE.pending()).as("callbacks that reached the service").isEqualTo(REFUSALS);
        assertThat(carrierNoticeFrom("127.0.0.2", "3f1c2a9e-5b7d-4c1e-9a2b-8d6e4f0a1b2c"))
                .as("the address's next callback, however good").isEqualTo(429);
    }

    @Test
    void aCallerRefusedForTheirRoleSpendsTheirOwnBudgetNotTheirAddresss() throws Exception {
        // From an address of its own (127.0.0.3): a support agent asks for what only partners may, again and again.
        String support = "Authorization: Bearer " + Keycloak.accessToken(DemoUser.SUPPORT) + "\r\n";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < REFUSALS + 5; i++) {
            statuses.add(statusFrom("127.0.0.3", "GET /api/v1/webhooks/subscriptions", support, null));
        }

        assertThat(statuses.subList(0, REFUSALS)).containsOnly(403);
        assertThat(statuses.subList(REFUSALS, statuses.size())).as("once their own budget is spent").containsOnly(429);
        // Others behind the same address are not refused for them.
        assertThat(statusFrom("127.0.0.3", "GET /api/v1/me", "", null)).as("someone without a token").isEqualTo(401);
    }

    /** A carrier's (unsigned) shipment notice, sent from the given local address; its status. */
    private int carrierNoticeFrom(String address, String orderId) throws Exception {
        return statusFrom(address, "POST /api/v1/orders/" + orderId + "/shipment",
                "X-Oasis-Timestamp: 1700000000\r\nX-Oasis-Signature: sha256=00\r\n", "{}");
    }

    /** The status of one request sent from the given local address (a raw connection, to choose it). */
    private int statusFrom(String address, String methodAndPath, String headers, String body) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            String request = methodAndPath + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
                    + "Connection: close\r\n\r\n" + (body == null ? "" : body);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** Refusals from the loopback address in the log: one per full line, and each summary line's count. */
    private static long refusalsLogged(List<ILoggingEvent> lines) {
        long total = 0;
        for (ILoggingEvent line : lines) {
            Object[] arguments = line.getArgumentArray();
            if (line.getMessage().startsWith("{} more {} from") && "127.0.0.1".equals(arguments[2])) {
                total += (Long) arguments[0];
            } else if (arguments != null && arguments.length > 2 && arguments[2] instanceof Integer status
                    && (status == 401 || status == 403 || status == 429)) {
                total++;
            }
        }
        return total;
    }

    private static ListAppender<ILoggingEvent> appender(List<ILoggingEvent> into) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.list = into;
        appender.start();
        return appender;
    }

    /** A customer's claims signed with a key the realm does not have: only the signature is wrong. */
    private static String forgedToken() throws Exception {
        JWTClaimsSet real = SignedJWT.parse(Keycloak.accessToken(DemoUser.CUSTOMER)).getJWTClaimsSet();
        JWTClaimsSet claims = new JWTClaimsSet.Builder(real)
                .claim("realm_access", Map.of("roles", List.of("admin", "customer")))
                .expirationTime(new Date(System.currentTimeMillis() + 300_000))
                .build();
        // The realm's key id, so that the gateway tries the signature against the realm's key.
        String realmKeyId = JWKSet.load(URI.create(Keycloak.server().jwkSetUri()).toURL()).getKeys().stream()
                .filter(key -> key instanceof RSAKey && "sig".equals(key.getKeyUse().identifier()))
                .findFirst().orElseThrow().getKeyID();
        RSAKey other = new RSAKeyGenerator(2048).keyID(realmKeyId).generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(other.getKeyID()).build(),
                claims);
        token.sign(new RSASSASigner(other));
        return token.serialize();
    }
}
