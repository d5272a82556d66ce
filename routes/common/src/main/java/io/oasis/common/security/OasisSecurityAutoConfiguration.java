package io.oasis.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.oasis.common.contract.ApiDocument;
import io.oasis.common.contract.ApiOperation;
import jakarta.servlet.DispatcherType;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The one resource-server setup every Oasis service gets by depending on oasis-common: stateless,
 * every request needs a valid bearer token from the realm except the public paths, actuator
 * endpoints other than those need the {@code admin} role, and failures answer problem+json.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({JwtDecoder.class, BearerTokenAuthenticationFilter.class})
@EnableConfigurationProperties(OasisSecurityProperties.class)
public class OasisSecurityAutoConfiguration {

    /** The realm named in {@code WWW-Authenticate} answers. */
    public static final String REALM_NAME = "oasis";

    @Bean
    @ConditionalOnMissingBean(name = "oasisJwkSource")
    JWKSource<SecurityContext> oasisJwkSource(OasisSecurityProperties properties) {
        return OasisJwtDecoder.jwkSource(properties);
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder oasisJwtDecoder(JWKSource<SecurityContext> oasisJwkSource, OasisSecurityProperties properties) {
        return new OasisJwtDecoder(oasisJwkSource, properties);
    }

    /**
     * No observation per filter of the security chain: each request is already timed once, with its
     * outcome, as http.server.requests. A service that wants them declares its own settings.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityObservationSettings.class)
    SecurityObservationSettings oasisSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    // By name, so a service can add chains for paths of its own (e.g. an embedded engine's web apps) and keep this one.
    @Bean
    @ConditionalOnMissingBean(name = "oasisSecurityFilterChain")
    SecurityFilterChain oasisSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
            OasisSecurityProperties properties, ObjectProvider<ObjectMapper> objectMapper) throws Exception {
        SecurityProblems problems = new SecurityProblems(objectMapper.getIfAvailable(ObjectMapper::new), REALM_NAME);
        JwtAuthenticationConverter roles = realmRolesAuthentication();

        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                // Stateless bearer tokens: there is no session to log out of.
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize
                        // Error pages and async completions belong to a request that was already authorized.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(publicPaths(properties)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint(), EndpointRequest.toLinks()).hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                // The security headers go on before the request is handled: platform-http answers on another
                // thread, and headers still to be added once the chain returns raced with its writing them.
                .headers(headers -> headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        return http.build();
    }

    /** A validated token as an authentication whose authorities are the realm roles ({@code ROLE_<role>}). */
    public static JwtAuthenticationConverter realmRolesAuthentication() {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        return roles;
    }

    /**
     * What anyone may call without a token: the configured paths (health), and the public operations of the
     * API document (providers' callbacks, which carry their own signatures), by method and path.
     */
    public static RequestMatcher[] publicPaths(OasisSecurityProperties properties) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        Stream<RequestMatcher> configured = properties.publicPaths().stream().map(paths::matcher);
        Stream<RequestMatcher> callbacks = ApiDocument.load().operations().stream().filter(ApiOperation::open)
                .map(operation -> paths.matcher(HttpMethod.valueOf(operation.method()),
                        operation.path().replaceAll("\\{[^}]+}", "*")));
        return Stream.concat(configured, callbacks).toArray(RequestMatcher[]::new);
    }
}
