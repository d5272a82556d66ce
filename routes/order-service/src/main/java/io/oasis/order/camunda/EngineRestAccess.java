package io.oasis.order.camunda;

import static io.oasis.order.camunda.CamundaWebSecurity.outsideSpringMvc;

import io.oasis.order.order.OrderAccess;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what on {@code /engine-rest}, the API Camunda Modeler deploys to. Process designers
 * deploy models and read definitions, nothing more: they neither start nor change instances, complete
 * tasks, correlate messages, change variables nor read users, instances or history. Everything else is
 * the admin's; every other role is refused. Orders change through the order API only, which checks the
 * caller and records them as the actor.
 */
final class EngineRestAccess {

    static final String PROCESS_DESIGNER = "process-designer";

    /** What Modeler calls to connect (version, deployments), deploy, and what designers read. */
    static final List<Operation> DESIGNER_OPERATIONS = List.of(
            new Operation(HttpMethod.GET, "/engine-rest/engine"),
            new Operation(HttpMethod.GET, "/engine-rest/version"),
            new Operation(HttpMethod.GET, "/engine-rest/deployment/**"),
            new Operation(HttpMethod.POST, "/engine-rest/deployment/create"),
            new Operation(HttpMethod.GET, "/engine-rest/process-definition/**"),
            new Operation(HttpMethod.GET, "/engine-rest/decision-definition/**"),
            new Operation(HttpMethod.GET, "/engine-rest/decision-requirements-definition/**"));

    private EngineRestAccess() {
    }

    static void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        for (Operation operation : DESIGNER_OPERATIONS) {
            rules.requestMatchers(outsideSpringMvc(operation.method(), operation.path()))
                    .hasAnyRole(PROCESS_DESIGNER, OrderAccess.ADMIN);
        }
        rules.anyRequest().hasRole(OrderAccess.ADMIN);
    }

    /** A method and a path pattern ({@code /**} also matches the path without it). */
    record Operation(HttpMethod method, String path) {
    }
}
