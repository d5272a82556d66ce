package io.oasis.customer.crm;

import io.oasis.common.error.Problem;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The CRM integration's API under {@code /api/v1/integrations/crm}: the admins' view of the changes
 * the CRM did not take (list, replay) and the CRM's signed webhook. One route per operation, id
 * {@code customer-crm-<action>}; errors become problem+json through the shared route configuration.
 */
@Component
public class CrmRoutes extends ApiRouteBuilder {

    public CrmRoutes() {
        super(CrmEndpoints.class);
    }

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    @Override
    public void configure() {
        rest(CrmEndpoints.BASE).description("CRM integration: sync failures and the CRM's webhook")
                .produces(JSON)

                .get("/failures").id("customer-crm-failures").description("Changes the CRM did not take (admin)")
                    .outType(PageResponse.class)
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .responseMessage().code(403).message("Not an admin").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-crm-failures")

                .post("/failures/{id}/replay").id("customer-crm-replay")
                    .description("Send the customer's current state to the CRM again (admin)")
                    .outType(CrmSyncFailureView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(200).message("Sent; replayedAt is set").endResponseMessage()
                    .responseMessage().code(404).message("No such failure").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(502).message("The CRM did not take it again").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-crm-replay")

                .post("/webhook").id("customer-crm-webhook").consumes(JSON)
                    .description("A contact changed in the CRM; signed with HMAC-SHA256, no bearer token")
                    .type(CrmContactChange.class).outType(CrmWebhook.Result.class)
                    .param().name(CrmWebhook.SIGNATURE_HEADER).type(RestParamType.header).required(true)
                        .description("sha256=<hex HMAC-SHA256 of \"<timestamp>\\n<METHOD>\\n<path>\\n<body>\">").endParam()
                    .param().name(CrmWebhook.TIMESTAMP_HEADER).type(RestParamType.header).required(true)
                        .description("Unix time in seconds; calls outside the tolerance are refused").endParam()
                    .responseMessage().code(200).message("outcome applied, or stale when the local profile is newer").endResponseMessage()
                    .responseMessage().code(400).message("Malformed JSON or invalid fields").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(401).message("Missing, wrong or old signature, or one already used").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(404).message("Unknown customer").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("Email used by another customer, or customer not active").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-crm-webhook");

        operation("customer-crm-failures", "failures");
        operation("customer-crm-replay", "replay");
        operation("customer-crm-webhook", "webhook");
    }
}
