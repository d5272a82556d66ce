package io.oasis.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.oasis.gateway.access.AccessPolicy;
import io.oasis.gateway.contract.ApiContract;
import io.oasis.gateway.docs.SwaggerUi;
import io.oasis.gateway.limit.RateLimiter;
import io.oasis.gateway.observe.AccessLogFilter;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
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
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
