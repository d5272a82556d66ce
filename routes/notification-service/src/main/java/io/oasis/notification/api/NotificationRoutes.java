package io.oasis.notification.api;

import io.oasis.common.error.Problem;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import io.oasis.notification.delivery.NotificationView;
import io.oasis.notification.planning.DirectSend;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The delivery log and direct sends under {@code /api/v1/notifications}. Each operation is one route,
 * id {@code notification-<action>}, answered by {@link NotificationEndpoints}.
 */
@Component
public class NotificationRoutes extends ApiRouteBuilder {

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;

    public NotificationRoutes() {
        super(NotificationEndpoints.class);
    }

    @Override
    public void configure() {
        rest("/api/v1/notifications").description("Notifications sent to customers and their delivery attempts")
                // Only operations with a body consume JSON: a bodiless POST (retry) needs no Content-Type.
                .produces(JSON)

                .get().id("notification-list").description("The delivery log, newest first, paged: a customer sees their own "
                        + "e-mail, SMS and push messages, a support agent every customer's, an admin everything (webhook "
                        + "deliveries too; a subscription's owner lists them under the subscription)")
                    .outType(PageResponse.class)
                    .param().name("customerId").type(RestParamType.query).required(false).dataFormat("uuid").endParam()
                    .param().name("status").type(RestParamType.query).required(false)
                        .description("pending, sent, delivered, failed, suppressed or dead").endParam()
                    .param().name("channel").type(RestParamType.query).required(false)
                        .description("email, sms, push or webhook").endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .to("direct:notification-list")

                .post().id("notification-send").description("Send a message now (services and integrations)").consumes(JSON)
                    .type(DirectSend.class).outType(NotificationView.class)
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false)
                        .description("Repeat a send safely: the same key and body replay the first answer").endParam()
                    .responseMessage().code(201).message("Accepted for sending; Location header").endResponseMessage()
                    .responseMessage().code(400).message("Invalid fields").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-send")

                .get("/{id}").id("notification-get").description("A notification with every attempt; a webhook delivery only "
                        + "for its subscription's owner and admins")
                    .outType(NotificationView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such notification (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-get")

                .post("/{id}/retry").id("notification-retry").description("Send a failed or dead notification again (admin)")
                    .outType(NotificationView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(409).message("Not failed or dead").contentType(PROBLEM).endResponseMessage()
                    .to("direct:notification-retry");

        operation("notification-list", "list");
        operation("notification-send", "send");
        operation("notification-get", "get");
        operation("notification-retry", "retry");
    }
}
