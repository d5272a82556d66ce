package io.oasis.gateway.identity;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.error.ProblemJsonRouteConfiguration;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.GatewayGate;
import io.oasis.gateway.config.GatewayRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/me}: who the caller is, as the validated access token says. The gateway's gate
 * admits it like every other operation: a valid token (else 401), a role the API document allows for it, the
 * rate limit.
 */
@Component
public class MeRoute extends RouteBuilder {

    @Override
    public void configure() {
        rest("/api/v1")
                .get("/me").id(GatewayRequest.OPERATION_ROUTE + "me")
                .description("The caller: subject, username, email, name, realm roles and client id from the access token")
                .produces("application/json")
                .outType(CurrentUser.class)
                .responseMessage().code(200).message("The caller").endResponseMessage()
                .responseMessage().code(401).message("No bearer token, or one that is not valid").endResponseMessage()
                .to("direct:gateway-identity");

        from("direct:gateway-identity").routeId("gateway-identity").routeConfigurationId(ProblemJsonRouteConfiguration.ID)
                .bean(GatewayGate.class, "admit")
                .setBody(CurrentUser::of)
                // The answer carries the caller, never the request's own headers (its token among them).
                .removeHeaders("*", CorrelationId.HEADER)
                .marshal().json()
                .process(GatewayGate::wholeAnswer)
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .bean(GatewayGate.class, "answered");
    }
}
