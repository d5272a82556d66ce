package io.oasis.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.common.error.ProblemWriter;
import io.oasis.common.security.OasisJwtDecoder;
import io.oasis.common.security.OasisSecurityProperties;
import io.oasis.gateway.config.GatewayProperties;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.contract.Validate;
import io.oasis.gateway.docs.SwaggerUi;
import io.oasis.gateway.limit.Limit;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.limit.Refusals;
import io.oasis.gateway.observe.AccessLog;
import io.oasis.gateway.observe.PublicHealth;
import io.oasis.gateway.observe.RefusalRate;
import io.oasis.gateway.security.Authenticate;
import io.oasis.gateway.security.Authorize;
import io.oasis.gateway.security.BearerAuthentication;
import io.oasis.gateway.security.VerifiedTokenCache;
import io.oasis.gateway.server.FrontDoor;
import io.oasis.gateway.server.GatewayHttpServer;
import io.oasis.gateway.upstream.CallerHeaderFilter;
import io.oasis.gateway.upstream.ProxyHeaderFilter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.util.unit.DataSize;

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

    @Bean
    BearerAuthentication bearerAuthentication(JwtDecoder jwtDecoder) {
        return new BearerAuthentication(jwtDecoder);
    }

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(GatewayProperties properties) {
        String redis = properties.rateLimits().redisUrl();
        return redis == null || redis.isBlank()
                ? RateLimiter.local(properties.rateLimits())
                : RateLimiter.redis(properties.rateLimits(), redis);
    }

    /** The steps every request of an operation takes (see RequestPath for their order). */
    @Bean
    RequestPath requestPath(ApiContract contract, BearerAuthentication authentication, RateLimiter limiter,
            ProblemWriter problems, MeterRegistry meters) {
        Refusals refusals = new Refusals(limiter, problems, meters);
        return new RequestPath(contract, new Authenticate(authentication, limiter, refusals), new Authorize(refusals),
                new Limit(limiter, refusals), new Validate(contract), refusals);
    }

    @Bean
    GatewayRoutes gatewayRoutes(ApiContract contract, GatewayProperties properties, RequestPath path,
            Environment environment, MeterRegistry meters, ProblemWriter problems) {
        return new GatewayRoutes(contract, properties, path, environment, meters, problems);
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

    /** Its worker threads run the routes: as many as requests may be in progress at once. */
    @Bean(destroyMethod = "close")
    Vertx gatewayVertx(GatewayProperties properties) {
        return Vertx.vertx(new VertxOptions().setWorkerPoolSize(properties.server().workerThreads()));
    }

    /** platform-http on Vert.x: the REST DSL's operations go on the gateway server's router. */
    @Bean(name = PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME)
    VertxPlatformHttpEngine gatewayHttpEngine() {
        return new VertxPlatformHttpEngine();
    }

    @Bean
    GatewayHttpServer gatewayHttpServer(Vertx vertx, GatewayProperties properties, Environment environment,
            VertxPlatformHttpEngine engine, ProblemWriter problems, ObjectMapper json, MeterRegistry meters,
            HealthEndpoint health, HealthEndpointGroups healthGroups) {
        long maxBodyBytes = environment.getProperty("oasis.http.max-body-size", DataSize.class,
                DataSize.ofMegabytes(1)).toBytes();
        FrontDoor frontDoor = new FrontDoor(problems, new AccessLog(meters, refusalRate(vertx, properties)),
                cors(properties.cors()), new SwaggerUi(), new PublicHealth(health, healthGroups, json), maxBodyBytes);
        return new GatewayHttpServer(vertx, properties.server(), maxBodyBytes, engine, frontDoor);
    }

    /** Refusals logged as a rate, summed up once per interval (on the server's event loop, like the log itself). */
    private static RefusalRate refusalRate(Vertx vertx, GatewayProperties properties) {
        RefusalRate refusals = new RefusalRate(AccessLog.ACCESS, properties.accessLog().refusalInterval());
        vertx.setPeriodic(Math.max(1, refusals.interval().toMillis()), timer -> refusals.flush());
        return refusals;
    }

    /**
     * Browsers from the configured origins may call the API; preflights are answered before any
     * operation. Without configured origins no cross-origin answer is granted.
     */
    private static Handler<RoutingContext> cors(GatewayProperties.Cors settings) {
        List<String> origins = settings.allowedOrigins().stream().filter(origin -> !origin.isBlank()).toList();
        if (origins.isEmpty()) {
            return RoutingContext::next;
        }
        return CorsHandler.create()
                .addOrigins(origins)
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                        HttpMethod.DELETE))
                .allowedHeaders(Set.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                        "Idempotency-Key", "X-Correlation-Id", "traceparent", "tracestate"))
                .exposedHeaders(Set.of("ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy",
                        "X-Correlation-Id"))
                .maxAgeSeconds(600);
    }
}
