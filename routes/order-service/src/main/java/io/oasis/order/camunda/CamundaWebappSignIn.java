package io.oasis.order.camunda;

import static io.oasis.order.camunda.CamundaWebSecurity.outsideSpringMvc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import io.oasis.common.security.SecurityProblems;
import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Cockpit, Tasklist and Admin sign people in through Keycloak: single sign-on with the OIDC
 * authorization code flow of the realm's confidential {@code camunda-webapps} client. The signed-in
 * user becomes the web apps' Camunda user (id = the token's subject) with their realm roles and groups
 * as Camunda groups ({@link KeycloakGroups}, {@link WebappAuthenticationProvider}); {@link WebappAccess}
 * says who may open which app, and the engine checks the rest ({@link RealmRoleAuthorizations}). There
 * is no Camunda login form and no Camunda user store ({@link SignedInIdentityProvider}).
 * <p>
 * Everything stays under {@code /camunda}: the redirect to Keycloak ({@value #AUTHORIZATION_PATH}/keycloak),
 * the return with the code ({@value #REDIRECT_PATH}, the client's registered redirect URI) and the
 * single sign-out ({@value #LOGOUT_PATH}), so this chain never touches the API's. Keycloak's addresses
 * are derived from the realm's issuer; the code is redeemed at {@code oasis.camunda-webapps.token-uri},
 * which a container network may reach under another name. Nothing is fetched at start-up, so the
 * service starts while Keycloak is still booting.
 */
@Configuration(proxyBeanMethods = false)
public class CamundaWebappSignIn {

    static final String REGISTRATION_ID = "keycloak";
    static final String AUTHORIZATION_PATH = "/camunda/oauth2/authorization";
    static final String REDIRECT_PATH = "/camunda/login/oauth2/code/" + REGISTRATION_ID;
    static final String LOGOUT_PATH = "/camunda/logout";
    /** Where Keycloak sends the browser after a sign-out: the welcome page, which asks to sign in again. */
    static final String AFTER_LOGOUT_PATH = "/camunda/app/welcome/default/";

    private static final Logger log = LoggerFactory.getLogger(CamundaWebappSignIn.class);

    @Bean
    ClientRegistrationRepository camundaWebappClientRegistrations(
            @Value("${oasis.camunda-webapps.client-id}") String clientId,
            @Value("${oasis.camunda-webapps.client-secret:}") String clientSecret,
            @Value("${oasis.camunda-webapps.token-uri}") String tokenUri,
            @Value("${oasis.security.issuer-uri}") String issuer,
            @Value("${oasis.security.jwk-set-uri}") String jwkSetUri) {
        String endpoints = issuer + "/protocol/openid-connect";
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Keycloak")
                .clientId(clientId)
                .clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}" + REDIRECT_PATH)
                // PKCE as well as the secret: the realm's client requires it (S256).
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .scope("openid", "profile", "email")
                // The ID token's issuer is checked against the realm's.
                .issuerUri(issuer)
                .authorizationUri(endpoints + "/auth")
                .tokenUri(tokenUri)
                .jwkSetUri(jwkSetUri)
                .userNameAttributeName(IdTokenClaimNames.SUB)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", endpoints + "/logout"))
                .build());
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappSecurityFilterChain(HttpSecurity http, ObjectMapper json,
            ClientRegistrationRepository clients) throws Exception {
        SecurityProblems problems = new SecurityProblems(json, OasisSecurityAutoConfiguration.REALM_NAME);
        OidcClientInitiatedLogoutSuccessHandler singleSignOut = new OidcClientInitiatedLogoutSuccessHandler(clients);
        singleSignOut.setPostLogoutRedirectUri("{baseUrl}" + AFTER_LOGOUT_PATH);
        return http.securityMatcher(outsideSpringMvc("/camunda/**"))
                // The web apps guard their own API against CSRF (Camunda's X-XSRF-TOKEN header and cookie).
                .csrf(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(WebappAccess::rules)
                .oauth2Login(login -> login
                        .authorizationEndpoint(authorization -> authorization.baseUri(AUTHORIZATION_PATH))
                        .loginProcessingUrl(REDIRECT_PATH)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new KeycloakGroups()))
                        .failureHandler(problems))
                .logout(logout -> logout.logoutRequestMatcher(outsideSpringMvc(LOGOUT_PATH))
                        .logoutSuccessHandler(singleSignOut))
                .exceptionHandling(exceptions -> exceptions
                        // The apps' API calls get a problem answer; a page opened in the browser goes to Keycloak.
                        .defaultAuthenticationEntryPointFor(problems, outsideSpringMvc("/camunda/api/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(
                                AUTHORIZATION_PATH + "/" + REGISTRATION_ID), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * Camunda's filter makes the signed-in user the web apps' user (their session's Camunda
     * authentication, with the app permissions the engine grants their groups). It runs after Spring
     * Security's chain, which has signed them in by then.
     */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                WebappAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reportSignIn(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String clientId = environment.getProperty("oasis.camunda-webapps.client-id");
        String secret = environment.getProperty("oasis.camunda-webapps.client-secret");
        if (secret == null || secret.isBlank()) {
            log.warn("Camunda web apps: no secret for the Keycloak client '{}' (CAMUNDA_WEBAPPS_CLIENT_SECRET): "
                    + "nobody can sign in to Cockpit, Tasklist or Admin", clientId);
        } else {
            log.info("Camunda web apps: people sign in through Keycloak (client '{}')", clientId);
        }
    }
}
