package io.oasis.order.api;

import io.oasis.common.error.Problem;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.web.ApiRouteBuilder;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.order.ApprovalView;
import io.oasis.order.order.CallbackOutcome;
import io.oasis.order.order.Cancellation;
import io.oasis.order.order.Decision;
import io.oasis.order.order.NewOrder;
import io.oasis.order.order.OrderView;
import io.oasis.order.order.PaymentNotice;
import io.oasis.order.timeline.TimelineView;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

/**
 * The order API under {@code /api/v1}. Each operation is one route, id {@code order-<action>}, that
 * hands the exchange to {@link OrderEndpoints} and writes its {@link ApiResponse}; errors become
 * problem+json through the shared route configuration.
 */
@Component
public class OrderRoutes extends ApiRouteBuilder {

    public OrderRoutes() {
        super(OrderEndpoints.class);
    }

    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String REFUSED_SIGNATURE = "Unsigned, wrongly signed, stale, or a signature already used";

    @Override
    public void configure() {
        rest("/api/v1").description("Orders, their review, payment and shipment")
                .consumes(JSON).produces(JSON)

                .post("/orders").id("order-create").description("Place an order; its process starts at once")
                    .type(NewOrder.class).outType(OrderView.class)
                    .param().name(IdempotencyKeys.HEADER).type(RestParamType.header).required(false)
                        .description("Repeat a create safely: the same key and body replay the first answer").endParam()
                    .responseMessage().code(201).message("Created; Location and ETag headers").endResponseMessage()
                    .responseMessage().code(400).message("Invalid fields").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("Key reused with another body, or no customer profile").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-create")

                .get("/orders").id("order-list").description("Orders, newest first, paged (a customer sees their own)")
                    .outType(PageResponse.class)
                    .param().name("customerId").type(RestParamType.query).required(false).dataFormat("uuid").endParam()
                    .param().name("status").type(RestParamType.query).required(false).endParam()
                    .param().name("page").type(RestParamType.query).required(false).dataType("integer").defaultValue("0").endParam()
                    .param().name("size").type(RestParamType.query).required(false).dataType("integer").defaultValue("20").endParam()
                    .to("direct:order-list")

                .get("/orders/{id}").id("order-get").description("An order, its history, its current BPMN steps and timers")
                    .outType(OrderView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such order (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-get")

                .get("/orders/{id}/timeline").id("order-timeline")
                    .description("What happened to an order, in time order: status changes, BPMN activities, events, "
                            + "messages with each delivery attempt, incidents (staff)")
                    .outType(TimelineView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(404).message("No such order (or not yours)").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-timeline")

                .post("/orders/{id}/cancel").id("order-cancel").description("Cancel before shipment; refunds and releases")
                    .type(Cancellation.class).outType(OrderView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(409).message("Shipped, finished, or changed concurrently").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-cancel")

                .get("/orders/{id}/approval").id("order-approval-get").description("The pending review (order managers)")
                    .outType(ApprovalView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .to("direct:order-approval-get")

                .post("/orders/{id}/approval").id("order-approval-decide").description("Approve or reject (order managers)")
                    .type(Decision.class).outType(OrderView.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .responseMessage().code(409).message("No review pending, or changed concurrently").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-approval-decide")

                .post("/payments/webhook").id("order-payment-webhook")
                    .description("The payment provider's callback, signed with " + SignedCallbacks.SIGNATURE
                            + " over timestamp, method, path and body; accepted once")
                    .type(PaymentNotice.class).outType(CallbackOutcome.class)
                    .param().name(SignedCallbacks.TIMESTAMP).type(RestParamType.header).required(true).endParam()
                    .param().name(SignedCallbacks.SIGNATURE).type(RestParamType.header).required(true).endParam()
                    .responseMessage().code(401).message(REFUSED_SIGNATURE).contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(409).message("The order waits for no payment, or it is not this order's payment").contentType(PROBLEM).endResponseMessage()
                    .responseMessage().code(422).message("The amount or currency does not match the order").contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-payment-webhook")

                .post("/orders/{id}/shipment").id("order-shipped").description("A carrier's notice: shipped (signed for this order's shipment)")
                    .outType(CallbackOutcome.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name(SignedCallbacks.TIMESTAMP).type(RestParamType.header).required(true).endParam()
                    .param().name(SignedCallbacks.SIGNATURE).type(RestParamType.header).required(true).endParam()
                    .responseMessage().code(401).message(REFUSED_SIGNATURE).contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-shipped")

                .post("/orders/{id}/delivery").id("order-delivered").description("A carrier's notice: delivered (signed for this order's delivery)")
                    .outType(CallbackOutcome.class)
                    .param().name("id").type(RestParamType.path).dataFormat("uuid").endParam()
                    .param().name(SignedCallbacks.TIMESTAMP).type(RestParamType.header).required(true).endParam()
                    .param().name(SignedCallbacks.SIGNATURE).type(RestParamType.header).required(true).endParam()
                    .responseMessage().code(401).message(REFUSED_SIGNATURE).contentType(PROBLEM).endResponseMessage()
                    .to("direct:order-delivered");

        operation("order-create", "create");
        operation("order-list", "list");
        operation("order-get", "get");
        operation("order-timeline", "timeline");
        operation("order-cancel", "cancel");
        operation("order-approval-get", "approval");
        operation("order-approval-decide", "decide");
        operation("order-payment-webhook", "paymentWebhook");
        operation("order-shipped", "shipped");
        operation("order-delivered", "delivered");
    }
}
