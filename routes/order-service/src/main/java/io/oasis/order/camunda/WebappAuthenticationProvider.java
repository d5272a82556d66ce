package io.oasis.order.camunda;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The web apps' user for a request: whoever signed in through Keycloak in this browser session
 * ({@link CamundaWebappSignIn}), with their realm roles and groups as Camunda groups. Camunda's
 * {@code ContainerBasedAuthenticationFilter} creates this class by name, so it has no Spring wiring.
 */
public class WebappAuthenticationProvider implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken)) {
            return AuthenticationResult.unsuccessful();
        }
        return SignedInPerson.current().map(person -> {
            AuthenticationResult result = AuthenticationResult.successful(person.id());
            result.setGroups(person.groups());
            result.setTenants(List.of());
            return result;
        }).orElseGet(AuthenticationResult::unsuccessful);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security's chain answers unauthenticated requests before they get here.
    }
}
