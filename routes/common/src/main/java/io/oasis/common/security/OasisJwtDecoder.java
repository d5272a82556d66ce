package io.oasis.common.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decodes and validates the realm's access tokens: RS256 signatures only, checked against keys
 * from the realm's JWK set, plus issuer, audience, expiry and token type.
 *
 * <p>Nothing is fetched until the first token arrives, so a service starts while Keycloak is down.
 * Fetched keys are cached; a token with an unknown {@code kid} triggers a (rate limited) refetch,
 * and if the key endpoint is unreachable the last keys keep serving for the outage tolerance.
 */
public final class OasisJwtDecoder implements JwtDecoder {

    /** Keycloak's {@code typ} claim: access tokens say {@code Bearer}, ID and refresh tokens do not. */
    static final String ACCESS_TOKEN_TYPE = "Bearer";

    private final NimbusJwtDecoder delegate;

    public OasisJwtDecoder(JWKSource<SecurityContext> keys, OasisSecurityProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // Claims are checked by the validators below, with readable errors.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        this.delegate = new NimbusJwtDecoder(processor);
        this.delegate.setJwtValidator(validator(properties));
    }

    static OAuth2TokenValidator<Jwt> validator(OasisSecurityProperties properties) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(properties.issuerUri()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<>("typ", ACCESS_TOKEN_TYPE::equals)));
    }

    /** The realm's keys, fetched lazily and cached as {@link OasisSecurityProperties.Jwks} says. */
    public static JWKSource<SecurityContext> jwkSource(OasisSecurityProperties properties) {
        OasisSecurityProperties.Jwks jwks = properties.jwks();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) jwks.connectTimeout().toMillis(), (int) jwks.readTimeout().toMillis(), 512 * 1024);
        URL url;
        try {
            url = URI.create(properties.jwkSetUri()).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("oasis.security.jwk-set-uri is not a URL: " + properties.jwkSetUri(), e);
        }
        return JWKSourceBuilder.<SecurityContext>create(url, retriever)
                .cache(jwks.cacheTtl().toMillis(), jwks.refreshTimeout().toMillis())
                .refreshAheadCache(jwks.refreshAhead().toMillis(), false)
                .rateLimited(jwks.minRefetchInterval().toMillis())
                .retrying(true)
                .outageTolerant(jwks.outageTolerance().toMillis())
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            return delegate.decode(token);
        } catch (BadJwtException e) {
            throw e;
        } catch (JwtException e) {
            // A refetch refused by the rate limit means the kid is unknown: the token is bad, the service is fine.
            if (causedBy(e, RateLimitReachedException.class)) {
                throw new BadJwtException("No signing key matches the token's kid", e);
            }
            throw e;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
