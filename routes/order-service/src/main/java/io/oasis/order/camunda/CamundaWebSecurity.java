package io.oasis.order.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import io.oasis.common.security.SecurityProblems;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Access to the embedded engine from outside, next to the kernel's chain for the API:
 * <ul>
 * <li>{@code /engine-rest/**} (what Camunda Modeler deploys to): a valid token, then the role table of
 * {@link EngineRestAccess} (designers deploy and read definitions; everything else is the admin's), then
 * the engine's own authorization checks for the caller's realm roles ({@link RealmRoleAuthorizations}),
 * with the caller set as the engine's authenticated user ({@link TokenAuthenticationProvider}).</li>
 * <li>{@code /camunda/**} (Cockpit, Tasklist, Admin): single sign-on through Keycloak, see
 * {@link CamundaWebappSignIn}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CamundaWebSecurity {

    @Bean
    @Order(1)
    SecurityFilterChain engineRestSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, ObjectMapper json)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(json, OasisSecurityAutoConfiguration.REALM_NAME);
        JwtAuthenticationConverter roles = OasisSecurityAutoConfiguration.realmRolesAuthentication();
        return http.securityMatcher(outsideSpringMvc("/engine-rest/**"))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(EngineRestAccess::rules)
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * Camunda's own filter makes the token's caller the engine's authenticated user for the request, so
     * the engine checks its authorizations and records who did what. It runs after Spring Security's
     * chain, which has validated the token by then.
     */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                TokenAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Engine-rest (Jersey) and the web apps are not served by Spring MVC: match the plain request path. */
    static RequestMatcher outsideSpringMvc(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    static RequestMatcher outsideSpringMvc(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}
