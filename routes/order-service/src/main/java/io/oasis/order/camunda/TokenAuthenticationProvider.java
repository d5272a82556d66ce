package io.oasis.order.camunda;

import io.oasis.common.security.CurrentUser;
import io.oasis.common.security.OasisSecurityAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * The engine's authenticated user for an engine-rest request: the caller of the bearer token that
 * Spring Security has validated (user id = the token's subject, as orders record actors; groups = the
 * realm roles, which {@link RealmRoleAuthorizations} grants rights to). Camunda's
 * {@code ProcessEngineAuthenticationFilter} creates this class by name, so it has no Spring wiring.
 */
public class TokenAuthenticationProvider implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return CurrentUser.current().map(caller -> {
            AuthenticationResult result = AuthenticationResult.successful(caller.subject());
            result.setGroups(caller.roles());
            result.setTenants(List.of());
            return result;
        }).orElseGet(AuthenticationResult::unsuccessful);
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + OasisSecurityAutoConfiguration.REALM_NAME + "\"");
    }
}
