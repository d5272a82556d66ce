package io.oasis.order.privacy;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /internal/privacy/customers/{id}} (route id {@code order-privacy-export}): this service's part
 * of a customer's export, for the customer service. Internal: the gateway does not route it.
 */
@Component
public class PrivacyRoutes extends ApiRouteBuilder {

    public PrivacyRoutes() {
        super(PrivacyEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/internal/privacy/customers").produces("application/json")
                .get("/{id}").id("order-privacy-export")
                    .description("A customer's orders, for their export (role personal-data-export)")
                    .outType(OrderExport.Part.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(403).message("Not the export service account").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:order-privacy-export");

        internalOperation("order-privacy-export", "export");
    }
}
