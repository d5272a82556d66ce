package io.oasis.gateway.identity;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.security.CurrentUser;
import io.oasis.gateway.RequestPath;
import io.oasis.gateway.config.GatewayRequest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/me}: who the caller is, as the validated access token says. The request takes the
 * first steps of every operation's path (authenticate, authorize, limit: see {@link RequestPath}), then is
 * answered here.
 */
@Component
public class MeRoute extends RouteBuilder {

    private final RequestPath path;

    public MeRoute(RequestPath path) {
        this.path = path;
    }

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

        path.admit(from("direct:gateway-identity").routeId("gateway-identity"))
                .setBody(CurrentUser::of)
                // The answer carries the caller, never the request's own headers (its token among them).
                .removeHeaders("*", CorrelationId.HEADER)
                .marshal().json()
                .process(GatewayRequest::wholeAnswer)
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .process(path::answered);
    }
}
