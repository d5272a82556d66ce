package io.oasis.notification.webhook;

import io.oasis.common.error.Problem;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * Webhook subscriptions under {@code /api/v1/webhooks/subscriptions}, for admins and integration clients.
 * Each operation is one route, id {@code notification-webhook-<action>}, answered by {@link WebhookEndpoints}.
 */
@Component
public class WebhookRoutes extends ApiRouteBuilder {

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public WebhookRoutes() {
        super(WebhookEndpoints.class);
    }

    @Override
    public void configure() {
        rest(WebhookEndpoints.BASE).description("Endpoints that receive events as signed webhooks (Standard Webhooks)")
                .produces(JSON)

                // Only the create has a body: a POST without one (replay) must not need a Content-Type.
                .post().id("notification-webhook-create").consumes(JSON)
                    .description("Subscribe an https endpoint to event types; the answer holds the signing secret, shown only once")
                    .type(WebhookRequest.class).outType(WebhookSubscriptionView.class)
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false)
                        .description("Repeat a create safely: the same key and body replay the first answer").endParam()
                    .responseMessage().code(201).message("Created; Location header").endResponseMessage()
                    .responseMessage().code(400).message("Invalid fields, or a URL webhooks may not reach").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(403).message("Not an admin or integration client").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-create")

                .get().id("notification-webhook-list").description("The caller's subscriptions (an admin's: all), newest first, paged; never the secret")
                    .outType(PageResponse.class)
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .to("direct:notification-webhook-list")

                .get("/{id}").id("notification-webhook-get").description("A subscription, without its secret")
                    .outType(WebhookSubscriptionView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-get")

                .get("/{id}/deliveries").id("notification-webhook-deliveries")
                    .description("The subscription's deliveries, newest first, paged: status, attempts made, last error "
                            + "(each one's attempts: GET /api/v1/notifications/{id}). For its owner and admins")
                    .outType(PageResponse.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("pending, sent, delivered, failed, suppressed or dead").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-deliveries")

                .delete("/{id}").id("notification-webhook-delete").description("Delete a subscription; its undelivered webhooks are dropped")
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(204).message("Deleted").endResponseMessage()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-delete")

                .post("/{id}/replay").id("notification-webhook-replay")
                    .description("Send the subscription's failed and dead deliveries created since an instant again")
                    .outType(WebhookSubscriptionView.Replay.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("since").type(RestParamType.query).required(true).dataFormat("date-time")
                        .description("ISO-8601 instant: deliveries created at or after it").endParam()
                    .responseMessage().code(202).message("Due again; the count in the body").endResponseMessage()
                    .responseMessage().code(409).message("The subscription is disabled").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-replay")

                .post("/{id}/enable").id("notification-webhook-enable")
                    .description("Enable a disabled subscription again, once its endpoint accepts a signed ping")
                    .outType(WebhookSubscriptionView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(200).message("Active").endResponseMessage()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("The endpoint did not accept the ping").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-enable")

                .post("/{id}/rotate-secret").id("notification-webhook-rotate-secret")
                    .description("A new signing secret (in this answer only); the old one signs too until the overlap ends")
                    .outType(WebhookSubscriptionView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name("overlapHours").type(RestParamType.query).required(false).dataType("integer")
                        .defaultValue("24").description("Hours the old secret keeps signing, 0 to 168").endParam()
                    .responseMessage().code(200).message("Rotated; the new secret in the body").endResponseMessage()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-rotate-secret")

                .post("/{id}/test").id("notification-webhook-test")
                    .description("Queue a WebhookTest event for the endpoint, delivered and logged like any other")
                    .outType(WebhookSubscriptionView.TestEvent.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(202).message("Queued; Location: the delivery").endResponseMessage()
                    .responseMessage().code(404).message("No such subscription (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("The subscription is disabled").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-webhook-test");

        operation("notification-webhook-create", "create");
        operation("notification-webhook-list", "list");
        operation("notification-webhook-get", "get");
        operation("notification-webhook-deliveries", "deliveries");
        operation("notification-webhook-delete", "delete");
        operation("notification-webhook-replay", "replay");
        operation("notification-webhook-enable", "enable");
        operation("notification-webhook-rotate-secret", "rotateSecret");
        operation("notification-webhook-test", "sendTestEvent");
    }
}
