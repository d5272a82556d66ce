package io.oasis.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The token decoder's key handling, against a JWK set endpoint served in-process with keys the
 * test makes: lazy fetching, the cache riding out an outage, refetch on a new kid, RS256 only.
 */
class OasisJwtDecoderTest {

    private static final String ISSUER = "http://localhost:8180/realms/oasis";
    // Short, so the tests see keys expire; long enough for a refresh to wait out a whole refetch (see Jwks).
    private static final Duration TTL = Duration.ofMillis(1500);

    private static RSAKey key1;
    private static RSAKey key2;

    private final JwksServer jwks = JwksServer.onFreePort();

    @BeforeAll
    static void keys() throws Exception {
        key1 = new RSAKeyGenerator(2048).keyID("key-1").algorithm(JWSAlgorithm.RS256).generate();
        key2 = new RSAKeyGenerator(2048).keyID("key-2").algorithm(JWSAlgorithm.RS256).generate();
    }

    @AfterEach
    void stopJwks() {
        jwks.close();
    }

    @Test
    void theServiceStartsWhileTheKeyEndpointIsDownAndFetchesKeysOnTheFirstToken() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OasisSecurityAutoConfiguration.class,
                        SecurityAutoConfiguration.class, WebMvcAutoConfiguration.class,
                        DispatcherServletAutoConfiguration.class))
                .withPropertyValues("oasis.security.issuer-uri=" + ISSUER,
                        "oasis.security.jwk-set-uri=" + jwks.uri(),
                        "oasis.security.audience=oasis-api",
                        "oasis.security.jwks.cache-ttl=10m",
                        "oasis.security.jwks.min-refetch-interval=100ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(jwks.requests()).as("nothing fetched at startup").isZero();
                    MockMvc http = MockMvcBuilders.webAppContextSetup(context)
                            .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                            .build();
                    String token = accessToken(key1);

                    // Keys cannot be had: the token is not judged bad, the check is unavailable (503, not 401).
                    assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(token))
                            .isInstanceOf(JwtException.class)
                            .isNotInstanceOf(BadJwtException.class);
                    http.perform(get("/api/v1/anything").header("Authorization", "Bearer " + token))
                            .andExpect(status().isServiceUnavailable())
                            .andExpect(content().contentType("application/problem+json"))
                            .andExpect(jsonPath("$.type").value("urn:oasis:problem:auth-unavailable"));
                    http.perform(get("/api/v1/anything"))
                            .andExpect(status().isUnauthorized())
                            .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                            .andExpect(jsonPath("$.type").value("urn:oasis:problem:unauthorized"));

                    jwks.serve(new JWKSet(key1)).start();
                    // Authenticated now: past security, the request reaches MVC, which has no such handler.
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            http.perform(get("/api/v1/anything").header("Authorization", "Bearer " + token))
                                    .andExpect(status().isNotFound()));
                    assertThat(jwks.requests()).isGreaterThanOrEqualTo(1);
                });
    }

    @Test
    void fetchedKeysKeepValidatingThroughAnOutageLongerThanTheCacheTtl() throws Exception {
        jwks.serve(new JWKSet(key1)).start();
        JwtDecoder decoder = decoder(TTL);
        String token = accessToken(key1);
        assertThat(decoder.decode(token).getSubject()).isEqualTo("user-1");
        int fetchesBeforeOutage = jwks.requests();

        // The endpoint fails: once the cache has expired a refetch is tried, fails, and the old keys still serve.
        jwks.failing(true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(decoder.decode(token).getSubject()).isEqualTo("user-1");
            assertThat(jwks.requests()).isGreaterThan(fetchesBeforeOutage);
        });

        // The endpoint goes away entirely: for several cache lifetimes the token keeps validating.
        jwks.stop();
        await().during(TTL.multipliedBy(4)).atMost(TTL.multipliedBy(6))
                .until(() -> decoder.decode(token).getSubject().equals("user-1"));
    }

    @Test
    void aRefreshTimeoutShorterThanAFetchCanTakeIsRefused() {
        // 1 s against two attempts of up to 650 ms: requests would fail while a refresh was still running.
        assertThatThrownBy(() -> new OasisSecurityProperties.Jwks(TTL, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofHours(1), Duration.ofMillis(250), Duration.ofMillis(400)))
                .hasMessageContaining("refresh-timeout");
    }

    @Test
    void aTokenWithANewKidTriggersARefetch() throws Exception {
        jwks.serve(new JWKSet(key1)).start();
        JwtDecoder decoder = decoder(Duration.ofMinutes(10));
        assertThat(decoder.decode(accessToken(key1)).getSubject()).isEqualTo("user-1");
        assertThat(jwks.requests()).isEqualTo(1);

        // Keycloak rotated its keys: the cache is still fresh, yet the unknown kid makes the decoder look again.
        jwks.serve(new JWKSet(List.of(key1, key2)));
        assertThat(decoder.decode(accessToken(key2)).getSubject()).isEqualTo("user-1");
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void aKidNobodyPublishedIsAnInvalidTokenEvenWhenRefetchesAreRateLimited() throws Exception {
        jwks.serve(new JWKSet(key1)).start();
        JwtDecoder decoder = decoder(Duration.ofMinutes(10), Duration.ofMinutes(1));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> decoder.decode(accessToken(stranger))).isInstanceOf(BadJwtException.class);
        }
        assertThat(jwks.requests()).as("refetches are rate limited").isLessThanOrEqualTo(2);
        assertThat(decoder.decode(accessToken(key1)).getSubject()).isEqualTo("user-1");
    }

    @Test
    void onlyRs256IsAccepted() throws Exception {
        jwks.serve(new JWKSet(key1)).start();
        JwtDecoder decoder = decoder(Duration.ofMinutes(10));

        // The classic key confusion: HMAC "signed" with the published RSA public key.
        SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key1.getKeyID()).build(),
                claims().build());
        hs256.sign(new MACSigner(key1.toRSAPublicKey().getEncoded()));
        assertThatThrownBy(() -> decoder.decode(hs256.serialize())).isInstanceOf(BadJwtException.class);

        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(BadJwtException.class);

        assertThat(decoder.decode(accessToken(key1)).getSubject()).isEqualTo("user-1");
    }

    @Test
    void issuerAudienceExpiryAndTokenTypeAreChecked() throws Exception {
        jwks.serve(new JWKSet(key1)).start();
        JwtDecoder decoder = decoder(Duration.ofMinutes(10));

        assertInvalid(decoder, sign(key1, claims().issuer("http://localhost:9999/realms/other")), "iss");
        assertInvalid(decoder, sign(key1, claims().audience("another-api")), "aud");
        assertInvalid(decoder, sign(key1, claims().claim("typ", "ID")), "typ");
        assertInvalid(decoder, sign(key1, claims().claim("typ", "Refresh")), "typ");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(10));
        assertInvalid(decoder, sign(key1, claims().issueTime(Date.from(longAgo))
                .expirationTime(Date.from(longAgo.plusSeconds(300)))), "expired");

        // Within the clock skew an expired token still passes.
        Instant fiveSecondsAgo = Instant.now().minusSeconds(5);
        Jwt justExpired = decoder.decode(sign(key1, claims().issueTime(Date.from(fiveSecondsAgo.minusSeconds(300)))
                .expirationTime(Date.from(fiveSecondsAgo))));
        assertThat(justExpired.getSubject()).isEqualTo("user-1");
    }

    private static void assertInvalid(JwtDecoder decoder, String token, String reason) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining(reason);
    }

    private OasisJwtDecoder decoder(Duration cacheTtl) {
        return decoder(cacheTtl, Duration.ofMillis(100));
    }

    private OasisJwtDecoder decoder(Duration cacheTtl, Duration minRefetchInterval) {
        OasisSecurityProperties properties = new OasisSecurityProperties(ISSUER, jwks.uri(), "oasis-api",
                List.of("/actuator/health/**"), Duration.ofSeconds(30),
                new OasisSecurityProperties.Jwks(cacheTtl, Duration.ofMillis(100), Duration.ofMillis(1350),
                        minRefetchInterval, Duration.ofHours(1), Duration.ofMillis(250), Duration.ofMillis(400)));
        return new OasisJwtDecoder(OasisJwtDecoder.jwkSource(properties), properties);
    }

    private static String accessToken(RSAKey key) throws Exception {
        return sign(key, claims());
    }

    /** Claims like those of a Keycloak access token of the realm. */
    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-1")
                .audience("oasis-api")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("typ", "Bearer")
                .claim("azp", "oasis-cli");
    }

    private static String sign(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
