package io.oasis.customer.privacy;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/** {@code GET /api/v1/customers/{id}/export} (route id {@code customer-export}): a customer's data from every service. */
@Component
public class PrivacyRoutes extends ApiRouteBuilder {

    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public PrivacyRoutes() {
        super(PrivacyEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/api/v1/customers").produces("application/json")
                .get("/{id}/export").id("customer-export")
                    .description("Everything Oasis holds about the customer, from every service (the customer, or an admin)")
                    .outType(CustomerExport.Document.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(403).message("Support agents do not export").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(404).message("No such customer (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(502).message("A service's part could not be had").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-export");

        operation("customer-export", "export");
    }
}
