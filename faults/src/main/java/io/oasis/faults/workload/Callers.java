package io.oasis.faults.workload;

import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.ServiceClient;
import io.oasis.keycloak.TokenResponse;
import io.oasis.keycloak.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens for the workload's callers (the realm's dev-only demo users and the integration client), each
 * reused until it nears its expiry. When Keycloak cannot issue a new one, the old one is used for as long as it is
 * valid: what a real client does while the identity provider is down.
 */
public final class Callers {

    private static final Logger LOG = LoggerFactory.getLogger(Callers.class);
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private record Issued(String token, Instant expiresAt) {
    }

    private final String tokenEndpoint;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public Callers(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    public String token(DemoUser user) {
        return cached("user:" + user.username(), () -> Tokens.passwordGrant(tokenEndpoint, user.username(),
                user.password()));
    }

    public String token(ServiceClient client) {
        return cached("client:" + client.clientId(), () -> Tokens.clientCredentialsGrant(tokenEndpoint,
                client.clientId(), client.secret()));
    }

    private String cached(String key, Supplier<TokenResponse> issue) {
        Issued current = issued.get(key);
        Instant now = Instant.now();
        if (current != null && current.expiresAt().minus(RENEW_BEFORE).isAfter(now)) {
            return current.token();
        }
        synchronized (this) {
            current = issued.get(key);
            if (current != null && current.expiresAt().minus(RENEW_BEFORE).isAfter(Instant.now())) {
                return current.token();
            }
            try {
                TokenResponse response = issue.get();
                Issued fresh = new Issued(response.accessToken(), Instant.now().plusSeconds(response.expiresIn()));
                issued.put(key, fresh);
                return fresh.token();
            } catch (RuntimeException keycloakDown) {
                if (current == null) {
                    throw keycloakDown;
                }
                LOG.debug("No new token for {} ({}); the one issued before is used", key, keycloakDown.getMessage());
                return current.token();
            }
        }
    }
}
