package io.oasis.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The realm's decoder, remembering the tokens it accepted. A caller sends the same access token
 * with every request for its lifetime, and decoding it (constant-time Base64 of the whole token,
 * JSON parsing, the RS256 signature) was about a sixth of the gateway's CPU per request. A token is
 * looked up by its exact string, so only a token the delegate accepted, byte for byte, is answered
 * from here, and never after its {@code exp} (the delegate's clock skew is not granted again) nor
 * after {@code maxAge}. Rejected tokens are not remembered: they are checked (and refused) each time.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> accepted;

    public VerifiedTokenCache(JwtDecoder delegate, long maximumSize, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                // Upkeep on the request's own thread: handed to the common pool, it woke another thread.
                .executor(Runnable::run)
                .maximumSize(maximumSize)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> lifetime(jwt, maxAge)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = known(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
            accepted.put(token, jwt);
        }
        return jwt;
    }

    /** The token, if the delegate accepted it and it has not expired; null otherwise (nothing is checked). */
    public Jwt known(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null && known.getExpiresAt() != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        return null;
    }

    /** Until the token expires, at most maxAge (so a key taken out of the realm stops counting soon). */
    private Duration lifetime(Jwt jwt, Duration maxAge) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration left = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(maxAge) < 0 ? left : maxAge;
    }
}
