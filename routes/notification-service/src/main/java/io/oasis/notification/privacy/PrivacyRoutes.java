package io.oasis.notification.privacy;

import io.oasis.common.error.Problem;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /internal/privacy/customers/{id}} (route id {@code notification-privacy-export}): this
 * service's part of a customer's export, for the customer service. Internal: the gateway does not route it.
 */
@Component
public class PrivacyRoutes extends ApiRouteBuilder {

    public PrivacyRoutes() {
        super(PrivacyEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/internal/privacy/customers").produces("application/json")
                .get("/{id}").id("notification-privacy-export")
                    .description("A customer's contact copy, messages, devices and webhook deliveries, for their export "
                            + "(role personal-data-export)")
                    .outType(NotificationExport.Part.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(403).message("Not the export service account").contentType(Problem.MEDIA_TYPE).endResponseMessage()
                    .to("direct:notification-privacy-export");

        internalOperation("notification-privacy-export", "export");
    }
}
