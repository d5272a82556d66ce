package io.oasis.order.camunda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import io.oasis.common.security.SecurityProblems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
 * <li>{@code /engine-rest/**} (what Camunda Modeler deploys to): a valid token with role
 * {@code process-designer} or {@code admin}, never open.</li>
 * <li>{@code /camunda/**} (Cockpit, Tasklist, Admin): the web apps log users in themselves against
 * the engine's identity service and protect their own forms against CSRF, so Spring Security lets
 * them through.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CamundaWebSecurity {

    public static final String PROCESS_DESIGNER = "process-designer";
    public static final String ADMIN = "admin";

    @Bean
    @Order(1)
    SecurityFilterChain engineRestSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, ObjectMapper json)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(json, OasisSecurityAutoConfiguration.REALM_NAME);
        JwtAuthenticationConverter roles = OasisSecurityAutoConfiguration.realmRolesAuthentication();
        return http.securityMatcher(outsideSpringMvc("/engine-rest/**"))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().hasAnyRole(PROCESS_DESIGNER, ADMIN))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(outsideSpringMvc("/camunda/**"))
                .csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .build();
    }

    /** Engine-rest (Jersey) and the web apps are not served by Spring MVC: match the plain request path. */
    private static RequestMatcher outsideSpringMvc(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
