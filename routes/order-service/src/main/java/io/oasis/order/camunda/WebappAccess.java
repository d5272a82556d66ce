package io.oasis.order.camunda;

import static io.oasis.order.camunda.CamundaWebSecurity.outsideSpringMvc;

import io.oasis.order.order.OrderAccess;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may open which Camunda web app, and its API, once signed in through Keycloak: process designers
 * Cockpit, order managers Tasklist, admins everything including Admin; every other role is refused
 * everywhere under {@code /camunda}. Inside an app the engine's own authorization checks decide what
 * each one sees and may do ({@link RealmRoleAuthorizations}); this table keeps everyone else out
 * before the engine is asked at all.
 */
final class WebappAccess {

    private static final String[] ANY_WEBAPP_USER = {OrderAccess.ADMIN, EngineRestAccess.PROCESS_DESIGNER,
        OrderAccess.ORDER_MANAGER};

    private WebappAccess() {
    }

    static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        // An admin is named in Keycloak, never created by the first visitor of the Admin app.
        rules.requestMatchers(outsideSpringMvc(HttpMethod.POST, "/camunda/api/admin/setup/**")).denyAll()
                .requestMatchers(outsideSpringMvc("/camunda/app/cockpit/**"),
                        outsideSpringMvc("/camunda/api/cockpit/**"))
                .hasAnyRole(OrderAccess.ADMIN, EngineRestAccess.PROCESS_DESIGNER)
                .requestMatchers(outsideSpringMvc("/camunda/app/tasklist/**"),
                        outsideSpringMvc("/camunda/api/tasklist/**"))
                .hasAnyRole(OrderAccess.ADMIN, OrderAccess.ORDER_MANAGER)
                // Every app asks here who is signed in.
                .requestMatchers(outsideSpringMvc("/camunda/api/admin/auth/**")).hasAnyRole(ANY_WEBAPP_USER)
                .requestMatchers(outsideSpringMvc("/camunda/app/admin/**"), outsideSpringMvc("/camunda/api/admin/**"))
                .hasRole(OrderAccess.ADMIN)
                // The welcome page, the engine API behind every app (checked by the engine per user), shared assets.
                .anyRequest().hasAnyRole(ANY_WEBAPP_USER);
    }
}
