package io.oasis.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.security.BearerAuthentication.AuthenticationFailure;
import io.oasis.gateway.security.BearerAuthentication.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/** How a request's Authorization header becomes its caller, or a refusal. */
class BearerAuthenticationTest {

    private static final Jwt CUSTOMER = Jwt.withTokenValue("good")
            .header("alg", "RS256")
            .subject("user-1")
            .claim("azp", "oasis-cli")
            .claim("realm_access", Map.of("roles", List.of("customer")))
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(300))
            .build();

    private final BearerAuthentication authentication = new BearerAuthentication(token -> switch (token) {
        case "good" -> CUSTOMER;
        case "keys-down" -> throw new JwtException("Couldn't retrieve remote JWK set");
        default -> throw new BadJwtException("An error occurred while attempting to decode the Jwt: \"bad\" signature");
    });

    @Test
    void aValidBearerTokenGivesItsCaller() {
        Optional<CurrentUser> caller = authentication.caller("bearer good");

        assertThat(caller).hasValueSatisfying(user -> {
            assertThat(user.subject()).isEqualTo("user-1");
            assertThat(user.clientId()).isEqualTo("oasis-cli");
            assertThat(user.hasRole("customer")).isTrue();
        });
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoCaller() {
        assertThat(authentication.caller(null)).isEmpty();
        assertThat(authentication.caller("Basic Zm9vOmJhcg==")).isEmpty();
    }

    @Test
    void aMalformedOrRefusedTokenFailsAndSaysWhyInItsChallenge() {
        assertThatThrownBy(() -> authentication.caller("Bearer not a token"))
                .isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
                    assertThat(failure.failure()).isEqualTo(Failure.INVALID_TOKEN);
                    assertThat(BearerAuthentication.challenge(failure)).isEqualTo("Bearer realm=\"oasis\", "
                            + "error=\"invalid_token\", error_description=\"Bearer token is malformed\", "
                            + "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"");
                });
        assertThatThrownBy(() -> authentication.caller("Bearer forged"))
                .isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
                    assertThat(failure.failure()).isEqualTo(Failure.INVALID_TOKEN);
                    // The decoder's reason, with the quotes a quoted-string cannot hold replaced.
                    assertThat(BearerAuthentication.challenge(failure)).contains(" bad  signature\"");
                });
        assertThat(BearerAuthentication.challenge(null)).isEqualTo("Bearer realm=\"oasis\"");
    }

    @Test
    void onlyTheExactHeaderOfAnAcceptedTokenHasAKnownCaller() {
        BearerAuthentication remembering = new BearerAuthentication(
                new VerifiedTokenCache(token -> CUSTOMER, 10, Duration.ofMinutes(5), Clock.systemUTC()));
        assertThat(remembering.knownCaller("Bearer good")).as("not checked yet").isNull();

        remembering.caller("Bearer good");

        assertThat(remembering.knownCaller("Bearer good").subject()).isEqualTo("user-1");
        assertThat(remembering.knownCaller("bEARER good").subject()).isEqualTo("user-1");
        assertThat(remembering.knownCaller("Bearer  good")).isNull();
        assertThat(remembering.knownCaller("Bearer good ")).isNull();
        assertThat(remembering.knownCaller("Bearergood")).isNull();
        assertThat(remembering.knownCaller("Basic good")).isNull();
        assertThat(remembering.knownCaller(null)).isNull();
        assertThatThrownBy(() -> remembering.caller("Bearer")).isInstanceOf(AuthenticationFailure.class);
        assertThatThrownBy(() -> remembering.caller("Bearer  good")).isInstanceOf(AuthenticationFailure.class);
    }

    @Test
    void keysThatCannotBeFetchedAreNotARefusal() {
        assertThatThrownBy(() -> authentication.caller("Bearer keys-down"))
                .isInstanceOfSatisfying(AuthenticationFailure.class,
                        failure -> assertThat(failure.failure()).isEqualTo(Failure.UNAVAILABLE));
    }
}
