package io.oasis.common.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * How every service checks bearer tokens ({@code oasis.security.*}, set in config/oasis.yml).
 *
 * @param issuerUri the realm's issuer: the {@code iss} every token must carry
 * @param jwkSetUri where the realm's signing keys are fetched from (lazily, on the first token)
 * @param audience what the {@code aud} claim must contain
 * @param publicPaths paths anyone may call without a token
 * @param clockSkew tolerance when checking {@code exp} and {@code nbf}
 * @param jwks how the signing keys are cached
 */
@ConfigurationProperties("oasis.security")
public record OasisSecurityProperties(
        String issuerUri,
        String jwkSetUri,
        String audience,
        @DefaultValue({"/actuator/health/**", "/actuator/info"}) List<String> publicPaths,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue Jwks jwks) {

    public OasisSecurityProperties {
        Assert.hasText(issuerUri, "oasis.security.issuer-uri must be set");
        Assert.hasText(jwkSetUri, "oasis.security.jwk-set-uri must be set");
        Assert.hasText(audience, "oasis.security.audience must be set");
    }

    /**
     * @param cacheTtl how long fetched keys are used before they are fetched again
     * @param refreshAhead how long before expiry a request triggers a background refresh
     * @param refreshTimeout how long a request waits for a refresh another request started
     * @param minRefetchInterval rate limit for fetches, e.g. when tokens arrive with unknown {@code kid}s
     * @param outageTolerance how long the last fetched keys keep serving while the key endpoint is down
     * @param connectTimeout connect timeout of a fetch
     * @param readTimeout read timeout of a fetch
     */
    public record Jwks(
            @DefaultValue("5m") Duration cacheTtl,
            @DefaultValue("30s") Duration refreshAhead,
            @DefaultValue("15s") Duration refreshTimeout,
            @DefaultValue("30s") Duration minRefetchInterval,
            @DefaultValue("4h") Duration outageTolerance,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("2s") Duration readTimeout) {

        public Jwks {
            // A refresh that another request started can take two attempts, each up to connect plus read
            // timeout. A request that stops waiting sooner fails, although the refresh would have brought
            // keys or fallen back to the cached ones.
            Assert.isTrue(refreshTimeout.compareTo(connectTimeout.plus(readTimeout).multipliedBy(2)) > 0,
                    "oasis.security.jwks.refresh-timeout must be longer than twice connect-timeout plus read-timeout");
        }
    }
}
