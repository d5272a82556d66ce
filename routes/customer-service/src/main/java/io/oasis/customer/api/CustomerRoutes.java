package io.oasis.customer.api;

import io.oasis.common.error.Problem;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import io.oasis.customer.history.HistoryRequest;
import io.oasis.customer.history.HistoryView;
import io.oasis.customer.preferences.PreferencesRequest;
import io.oasis.customer.preferences.PreferencesView;
import io.oasis.customer.profile.CustomerRequest;
import io.oasis.customer.profile.CustomerView;
import io.oasis.customer.profile.SelfRegistration;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The customer API under {@code /api/v1/customers}. Each operation is one route, id
 * {@code customer-<action>}, that hands the exchange to {@link CustomerEndpoints} and writes its
 * {@code ApiResponse}; errors become problem+json through the shared route configuration.
 */
@Component
public class CustomerRoutes extends ApiRouteBuilder {

    public CustomerRoutes() {
        super(CustomerEndpoints.class);
    }

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    @Override
    public void configure() {
        rest(CustomerEndpoints.BASE).description("Customer profiles, preferences and service history")
                .consumes(JSON).produces(JSON)

                .post().id("customer-create")
                    .description("Register a customer (admin). Answered 202 without a body whether or not the address "
                            + "is taken: a free one gets its profile (find it with ?email=), the owner of a taken one a mail")
                    .type(CustomerRequest.class)
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false)
                        .description("Repeat a create safely: the same key and body replay the first answer").endParam()
                    .responseMessage().code(202).message("Accepted").endResponseMessage()
                    .responseMessage().code(400).message("Invalid fields").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("Key reused with another body").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-create")

                .get().id("customer-list").description("List customers, filtered, sorted and paged (staff)")
                    .outType(PageResponse.class)
                    .param().name("email").type(RestParamType.query).required(false).description("Exact email, any case").endParam()
                    .param().name("name").type(RestParamType.query).required(false).description("Given or family name contains").endParam()
                    .param().name("status").type(RestParamType.query).required(false).allowableValues("active", "deactivated", "erased").endParam()
                    .param().name("createdFrom").type(RestParamType.query).required(false).description("ISO-8601 instant, inclusive").endParam()
                    .param().name("createdTo").type(RestParamType.query).required(false).description("ISO-8601 instant, exclusive").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .param().name("sort").type(RestParamType.query).required(false).description("createdAt|updatedAt|email|familyName[,asc|desc]").endParam()
                    .to("direct:customer-list")

                .get("/me").id("customer-me").description("The caller's own profile").outType(CustomerView.class)
                    .responseMessage().code(404).message("No profile yet: POST /customers/me").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-me")

                .post("/me").id("customer-register-self").description("Create the caller's own profile from their token")
                    .type(SelfRegistration.class).outType(CustomerView.class)
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false).endParam()
                    .responseMessage().code(201).message("Created with the token's verified address").endResponseMessage()
                    .responseMessage().code(202).message("Created; the address waits for the code mailed to it (pendingEmail)").endResponseMessage()
                    .responseMessage().code(409).message("The caller already has a profile").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-register-self")

                .get("/{id}").id("customer-get").description("A customer; ETag carries its version").outType(CustomerView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such customer (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-get")

                .patch("/{id}").id("customer-update")
                    .description("Change contact fields with a JSON merge patch; a new email waits for the code mailed to it")
                    .consumes("application/merge-patch+json,application/json")
                    .type(CustomerRequest.class).outType(CustomerView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("If-Match").type(RestParamType.header).required(true).description("The ETag from GET").endParam()
                    .responseMessage().code(202).message("A new email address waits for its code (pendingEmail)").endResponseMessage()
                    .responseMessage().code(412).message("Changed since you read it").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(428).message("If-Match missing").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-update")

                .post("/{id}/email-confirmation").id("customer-email-confirm")
                    .description("Confirm a new email address with the code mailed to it; then it is the profile's")
                    .type(CustomerEndpoints.EmailConfirmationRequest.class).outType(CustomerView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(400).message("Wrong or expired code").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("Nothing to confirm, or the address was taken meanwhile").contentType(PROBLEM).endResponseMessage()
                    .to("direct:customer-email-confirm")

                .delete("/{id}").id("customer-deactivate").description("Deactivate; the data stays for history")
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("If-Match").type(RestParamType.header).required(false).endParam()
                    .responseMessage().code(204).message("Deactivated").endResponseMessage()
                    .to("direct:customer-deactivate")

                .post("/{id}/erase").id("customer-erase").description("Erase personal fields (admin, audited)")
                    .type(CustomerEndpoints.EraseRequest.class).outType(CustomerView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .to("direct:customer-erase")

                .get("/{id}/preferences").id("customer-preferences-get").outType(PreferencesView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .to("direct:customer-preferences-get")

                .put("/{id}/preferences").id("customer-preferences-replace").description("Replace the preferences")
                    .type(PreferencesRequest.class).outType(PreferencesView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("If-Match").type(RestParamType.header).required(false).endParam()
                    .to("direct:customer-preferences-replace")

                .get("/{id}/history").id("customer-history-list").outType(PageResponse.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").endParam()
                    .to("direct:customer-history-list")

                .post("/{id}/history").id("customer-history-add").description("Add a service-history entry (support)")
                    .type(HistoryRequest.class).outType(HistoryView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .to("direct:customer-history-add");

        operation("customer-create", "create");
        operation("customer-list", "list");
        operation("customer-me", "me");
        operation("customer-register-self", "registerSelf");
        operation("customer-get", "get");
        operation("customer-update", "patch");
        operation("customer-email-confirm", "confirmEmail");
        operation("customer-deactivate", "deactivate");
        operation("customer-erase", "erase");
        operation("customer-preferences-get", "preferences");
        operation("customer-preferences-replace", "replacePreferences");
        operation("customer-history-list", "history");
        operation("customer-history-add", "addHistory");
    }
}
