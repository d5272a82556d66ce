package io.oasis.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** Accepted tokens are decoded once until they expire; refused ones are checked every time. */
class VerifiedTokenCacheTest {

    private final List<String> decoded = new ArrayList<>();

    private JwtDecoder realm(Instant expiresAt) {
        return token -> {
            decoded.add(token);
            if (token.startsWith("bad")) {
                throw new BadJwtException("signature does not match");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("u1")
                    .issuedAt(expiresAt.minusSeconds(300)).expiresAt(expiresAt).build();
        };
    }

    @Test
    void anAcceptedTokenIsDecodedOnceWhileValid() {
        VerifiedTokenCache cache = new VerifiedTokenCache(realm(Instant.now().plusSeconds(120)), 100,
                Duration.ofMinutes(5), Clock.systemUTC());

        Jwt first = cache.decode("good.token.1");
        Jwt second = cache.decode("good.token.1");
        cache.decode("good.token.2");

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("good.token.1", "good.token.2");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        VerifiedTokenCache cache = new VerifiedTokenCache(realm(Instant.now().plusSeconds(120)), 100,
                Duration.ofMinutes(5), Clock.systemUTC());

        assertThatThrownBy(() -> cache.decode("bad.token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("bad.token")).isInstanceOf(BadJwtException.class);

        assertThat(decoded).containsExactly("bad.token", "bad.token");
    }

    @Test
    void anExpiredTokenGoesBackToTheRealmDecoder() {
        // Accepted by the delegate within its clock skew, but past exp: not remembered.
        VerifiedTokenCache cache = new VerifiedTokenCache(realm(Instant.now().minusSeconds(5)), 100,
                Duration.ofMinutes(5), Clock.systemUTC());

        cache.decode("good.token.1");
        cache.decode("good.token.1");

        assertThat(decoded).containsExactly("good.token.1", "good.token.1");
    }

    @Test
    void aRememberedTokenIsNotAnsweredPastItsExpiry() {
        Instant expiresAt = Instant.now().plusSeconds(60);
        SettableClock clock = new SettableClock(Instant.now());
        VerifiedTokenCache cache = new VerifiedTokenCache(realm(expiresAt), 100, Duration.ofMinutes(5), clock);

        cache.decode("good.token.1");
        clock.now = expiresAt.plusSeconds(1);
        cache.decode("good.token.1");

        assertThat(decoded).containsExactly("good.token.1", "good.token.1");
    }

    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
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
