package io.oasis.common.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
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
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
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

    /** Static: a bean factory post-processor must exist before the configuration that declares it. */
    @Bean
    static NoHandlerMappingIntrospection oasisNoHandlerMappingIntrospection() {
        return new NoHandlerMappingIntrospection();
    }

    /** Spring Security uses an HttpFirewall bean for every chain; this one checks headers without regexes. */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    HttpFirewall oasisHttpFirewall() {
        return HeaderFirewall.strict();
    }

    /**
     * No Spring Security observations: they wrap each filter of the chain, and each authentication, in
     * an observation of its own on every request, about a tenth of a service's CPU per request. Each
     * service's access to its API is already timed (http.server.requests, or the gateway's own timers)
     * with its outcome. A service that wants them declares its own settings.
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
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
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
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** A validated token as an authentication whose authorities are the realm roles ({@code ROLE_<role>}). */
    public static JwtAuthenticationConverter realmRolesAuthentication() {
        JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
        roles.setJwtGrantedAuthoritiesConverter(new RealmRolesConverter());
        return roles;
    }

    /**
     * Plain path patterns: the String form of requestMatchers would ask Spring MVC's handler mappings
     * about every request (MvcRequestMatcher), a measurable share of a request's CPU.
     */
    public static RequestMatcher[] publicPaths(OasisSecurityProperties properties) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return properties.publicPaths().stream().map(paths::matcher).toArray(RequestMatcher[]::new);
    }
}
