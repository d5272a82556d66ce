package io.oasis.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.security.HeaderBearerTokenResolver;
import io.oasis.common.security.OasisJwtDecoder;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import io.oasis.common.security.OasisSecurityProperties;
import io.oasis.common.security.RealmRolesConverter;
import io.oasis.common.security.SecurityProblems;
import io.oasis.gateway.access.AccessPolicy;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.docs.SwaggerUi;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.observe.AccessLogFilter;
import io.oasis.gateway.observe.ApiCorsFilter;
import io.oasis.gateway.security.ApiAuthenticationFilter;
import io.oasis.gateway.security.VerifiedTokenCache;
import io.oasis.gateway.upstream.CallerHeaderFilter;
import io.oasis.gateway.upstream.ProxyHeaderFilter;
import io.oasis.gateway.upstream.UpstreamRetries;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/** The gateway's parts, wired from config/gateway.yml and the contract. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    ApiContract apiContract() {
        return ApiContract.load();
    }

    /**
     * The realm's decoder (issuer, audience, expiry, type, RS256 against the realm's keys), with the
     * tokens it accepted remembered until they expire (at most 5 minutes, 10,000 tokens): every request
     * of a caller carries the same token, and decoding it each time was a sixth of the gateway's CPU.
     */
    @Bean
    JwtDecoder oasisJwtDecoder(JWKSource<SecurityContext> oasisJwkSource, OasisSecurityProperties properties) {
        return new VerifiedTokenCache(new OasisJwtDecoder(oasisJwkSource, properties), 10_000, Duration.ofMinutes(5),
                Clock.systemUTC());
    }

    /**
     * The public API's own chain, ahead of the common one (which keeps the actuator, the error page and
     * any other path): Spring Security's response headers and firewall, then {@link ApiAuthenticationFilter}.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain gatewayApiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            OasisSecurityProperties security, ObjectMapper json) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // The verified-token cache hands out the same Jwt for the same token, so its roles are made into
        // authorities once (held as long as that Jwt is), not on every request.
        Cache<Jwt, Collection<GrantedAuthority>> authorities = Caffeine.newBuilder().weakKeys().build();
        RealmRolesConverter roles = new RealmRolesConverter();
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(jwt -> authorities.get(jwt, roles::convert));
        JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(jwtDecoder);
        tokens.setJwtAuthenticationConverter(authentication);
        ApiAuthenticationFilter filter = new ApiAuthenticationFilter(new HeaderBearerTokenResolver(), tokens,
                List.of(OasisSecurityAutoConfiguration.publicPaths(security)),
                new SecurityProblems(json, OasisSecurityAutoConfiguration.REALM_NAME));
        return http.securityMatcher(paths.matcher(GatewayRoutes.BASE_PATH + "/**"))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterAfter(filter, HeaderWriterFilter.class)
                .build();
    }

    @Bean
    AccessPolicy accessPolicy(GatewayProperties properties) {
        return new AccessPolicy(properties.access());
    }

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(GatewayProperties properties) {
        String redis = properties.rateLimits().redisUrl();
        return redis == null || redis.isBlank()
                ? RateLimiter.local(properties.rateLimits())
                : RateLimiter.redis(properties.rateLimits(), redis);
    }

    @Bean
    GatewayGate gatewayGate(ApiContract contract, AccessPolicy access, RateLimiter limiter, ObjectMapper json,
            MeterRegistry meters) {
        return new GatewayGate(contract, access, limiter, json, meters);
    }

    @Bean
    GatewayRoutes gatewayRoutes(ApiContract contract, GatewayProperties properties, GatewayGate gate,
            Environment environment, MeterRegistry meters) {
        return new GatewayRoutes(contract, properties, gate, environment, meters);
    }

    /** Named in the service calls' endpoint options (see GatewayRoutes). */
    @Bean
    ProxyHeaderFilter proxyHeaderFilter() {
        return new ProxyHeaderFilter();
    }

    /** Named in the public routes' endpoint options (see GatewayRoutes). */
    @Bean
    CallerHeaderFilter callerHeaderFilter() {
        return new CallerHeaderFilter();
    }

    @Bean
    UpstreamRetries upstreamRetries() {
        return new UpstreamRetries();
    }

    @Bean
    SwaggerUi swaggerUi() {
        return new SwaggerUi();
    }

    /** Right after the correlation id and body size filters, so it sees every answer, 401s included. */
    @Bean
    FilterRegistrationBean<AccessLogFilter> gatewayAccessLogFilter(MeterRegistry meters) {
        FilterRegistrationBean<AccessLogFilter> registration = new FilterRegistrationBean<>(new AccessLogFilter(meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Browsers from the configured origins may call the API; preflights are answered before security. */
    @Bean
    FilterRegistrationBean<CorsFilter> gatewayCorsFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        properties.cors().allowedOrigins().stream().filter(origin -> !origin.isBlank()).forEach(cors::addAllowedOrigin);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                "Idempotency-Key", "X-Correlation-Id", "traceparent", "tracestate"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy",
                "X-Correlation-Id"));
        cors.setMaxAge(600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration(GatewayRoutes.BASE_PATH + "/**", cors);
        FilterRegistrationBean<CorsFilter> registration =
                new FilterRegistrationBean<>(new ApiCorsFilter(source, GatewayRoutes.BASE_PATH + "/"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
