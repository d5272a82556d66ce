package io.oasis.testsupport;

import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.TokenResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One real Keycloak per test JVM (one module run), started on first use from the unpacked
 * distribution with the {@code oasis} realm, on port 8190 unless {@code OASIS_TEST_KEYCLOAK_PORT}
 * says otherwise. A Keycloak already serving the realm on that port is reused. Its dev database is
 * thrown away: it lives under the module's {@code target/keycloak-test} folder and is wiped before
 * each fresh start. The JVM's shutdown stops it. A Spring Boot test points its service at it with
 * {@link RealParts}.
 */
public final class Keycloak {

    public static final int DEFAULT_PORT = 8190;

    private static final Map<String, Issued> TOKENS = new ConcurrentHashMap<>();

    private static KeycloakServer server;

    private Keycloak() {
    }

    /** The running server, started on first call. */
    public static synchronized KeycloakServer server() {
        if (server == null) {
            Path data = Path.of("target", "keycloak-test").toAbsolutePath();
            KeycloakServer candidate = KeycloakServer.builder()
                    .port(port())
                    .dataDirectory(data)
                    .logFile(data.resolve("keycloak.log"))
                    .startupTimeout(Duration.ofMinutes(4))
                    .build();
            if (!candidate.isRunning()) {
                deleteRecursively(data);
            }
            server = candidate.start();
        }
        return server;
    }

    /**
     * An access token for a demo user (password grant of the dev-only CLI client), the same one again while
     * it has a minute left: one sign-in per user and token lifetime keeps test runs quick and far from the
     * realm's brute force limits.
     */
    public static String accessToken(DemoUser user) {
        return cached("user:" + user.username(), () -> tokens(user));
    }

    /** Access, ID and refresh tokens for a demo user. */
    public static TokenResponse tokens(DemoUser user) {
        return server().passwordGrant(user.username(), user.password());
    }

    /** An access token for a confidential client's service account, reused like a demo user's. */
    public static String accessToken(ServiceClient client) {
        return cached("client:" + client.clientId(),
                () -> server().clientCredentialsGrant(client.clientId(), client.secret()));
    }

    private static String cached(String account, Supplier<TokenResponse> grant) {
        return TOKENS.compute(account, (key, known) -> known != null && known.usableUntil().isAfter(Instant.now())
                ? known : Issued.of(grant.get())).token();
    }

    /** An access token and when to stop handing it out: a minute before it expires. */
    private record Issued(String token, Instant usableUntil) {

        static Issued of(TokenResponse response) {
            return new Issued(response.accessToken(), Instant.now().plusSeconds(response.expiresIn() - 60));
        }
    }

    private static int port() {
        String configured = System.getenv("OASIS_TEST_KEYCLOAK_PORT");
        return configured == null || configured.isBlank() ? DEFAULT_PORT : Integer.parseInt(configured.trim());
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + dir, e);
        }
    }
}
