package io.oasis.order.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.address.PostalAddress;
import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.idempotency.CreatedResponse;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import io.oasis.order.callback.SignedCallbacks;
import io.oasis.order.callback.SignedCallbacks.Sender;
import io.oasis.order.customer.CustomerProfiles;
import io.oasis.order.order.Cancellation;
import io.oasis.order.order.Decision;
import io.oasis.order.order.NewOrder;
import io.oasis.order.order.OrderAccess;
import io.oasis.order.order.OrderFilter;
import io.oasis.order.order.OrderService;
import io.oasis.order.order.OrderStatus;
import io.oasis.order.order.OrderView;
import io.oasis.order.order.OwnCustomer;
import io.oasis.order.order.PaymentNotice;
import io.oasis.order.process.OrderProcess;
import io.oasis.order.timeline.OrderTimeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * Turns the HTTP side of each order operation (path, query, headers, body, caller) into a call of
 * {@link OrderService}, and its answer into an {@link ApiResponse}. The routes in {@link OrderRoutes}
 * call one method each.
 */
@Component
public class OrderEndpoints {

    static final String BASE = "/api/v1/orders";

    private final OrderService orders;
    private final CustomerProfiles customers;
    private final SignedCallbacks callbacks;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper objectMapper;
    private final OrderTimeline timelines;

    public OrderEndpoints(OrderService orders, CustomerProfiles customers, SignedCallbacks callbacks,
            IdempotencyKeys idempotencyKeys, ObjectMapper objectMapper, OrderTimeline timelines) {
        this.orders = orders;
        this.timelines = timelines;
        this.customers = customers;
        this.callbacks = callbacks;
        this.idempotencyKeys = idempotencyKeys;
        this.objectMapper = objectMapper;
    }

    /**
     * A customer orders for their own profile (looked up with their token); staff who may order on a
     * customer's behalf name the customer, who owns the order. Without an address in the request the order
     * goes to the one in the profile.
     */
    public ApiResponse create(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        byte[] raw = ApiRequests.rawBody(exchange);
        String key = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        NewOrder request = ApiRequests.body(exchange, NewOrder.class);
        request.checkMoney();
        CustomerProfiles.Profile customer;
        boolean onBehalf = OrderAccess.ordersOnBehalf(caller);
        if (onBehalf) {
            if (request.customerId() == null) {
                throw InvalidRequestException.field("customerId", "name the customer you order for");
            }
            customer = request.shippingAddress() != null
                    ? new CustomerProfiles.Profile(request.customerId(), null)
                    : customers.profile(request.customerId());
        } else if (caller.hasRole(OrderAccess.CUSTOMER)) {
            customer = customers.callersProfile(authorization);
            if (request.customerId() != null && !request.customerId().equals(customer.id())) {
                throw new ForbiddenException("You order for yourself only: leave customerId out.");
            }
        } else {
            throw new ForbiddenException("only customers and staff who order on a customer's behalf place orders");
        }
        PostalAddress address = request.shippingAddress() != null ? request.shippingAddress() : customer.shippingAddress();
        if (address == null) {
            throw InvalidRequestException.field("shippingAddress", onBehalf
                    ? "give one: the customer's profile has no shipping address"
                    : "give one, or add it to your profile (PATCH /api/v1/customers/{id})");
        }
        return ApiResponse.of(idempotencyKeys.run("order-create:" + caller.subject(), key, raw,
                () -> created(orders.place(request, customer.id(), address, onBehalf, caller))));
    }

    public ApiResponse get(Exchange exchange) {
        CurrentUser caller = CurrentUser.of(exchange);
        OrderView view = orders.get(id(exchange), caller, own(exchange, caller));
        return ApiResponse.ok(view).header("ETag", view.etag());
    }

    public ApiResponse timeline(Exchange exchange) {
        CurrentUser caller = CurrentUser.of(exchange);
        return ApiResponse.ok(timelines.of(id(exchange), caller, own(exchange, caller)));
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        CurrentUser caller = CurrentUser.of(exchange);
        OrderFilter filter = new OrderFilter(ApiRequests.queryId(exchange, "customerId"),
                status(in.getHeader("status", String.class)));
        return ApiResponse.ok(orders.list(filter, PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.by(Sort.Direction.DESC, "createdAt")),
                caller, own(exchange, caller)));
    }

    public ApiResponse cancel(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        Cancellation request = ApiRequests.body(exchange, Cancellation.class);
        return ApiResponse.ok(orders.cancel(id, request.reason(), caller, own(exchange, caller)));
    }

    /**
     * The caller's own customer profile, looked up with their token when an access check asks for it. Staff
     * read and change orders by their role, so only customers need it.
     */
    private OwnCustomer own(Exchange exchange, CurrentUser caller) {
        if (!caller.hasRole(OrderAccess.CUSTOMER)) {
            return OwnCustomer.NONE;
        }
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        return OwnCustomer.lookedUpBy(() -> {
            try {
                return customers.callersCustomerId(authorization);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("The customer service's answer could not be read", unreadable);
            }
        });
    }

    public ApiResponse approval(Exchange exchange) {
        return ApiResponse.ok(orders.approval(id(exchange)));
    }

    public ApiResponse decide(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        Decision decision = ApiRequests.body(exchange, Decision.class);
        return ApiResponse.ok(orders.decide(id, decision, caller));
    }

    /**
     * The payment provider's callback: signature first, then the body, then the effect. A notice refused for
     * its amount or currency is answered 422 after its note in the order's history is committed.
     */
    public ApiResponse paymentWebhook(Exchange exchange) throws IOException {
        return ApiResponse.ok(callbacks.accept(Sender.PAYMENT_PROVIDER, exchange, () -> {
            PaymentNotice notice = ApiRequests.body(exchange, PaymentNotice.class);
            notice.checkMoney();
            return orders.payment(notice);
        }).orThrow());
    }

    public ApiResponse shipped(Exchange exchange) throws IOException {
        UUID id = id(exchange);
        return ApiResponse.ok(callbacks.accept(Sender.CARRIER, exchange,
                () -> orders.carrierNotice(id, OrderProcess.MESSAGE_ORDER_SHIPPED, OrderStatus.SHIPPED)));
    }

    public ApiResponse delivered(Exchange exchange) throws IOException {
        UUID id = id(exchange);
        return ApiResponse.ok(callbacks.accept(Sender.CARRIER, exchange,
                () -> orders.carrierNotice(id, OrderProcess.MESSAGE_ORDER_DELIVERED, OrderStatus.DELIVERED)));
    }

    private CreatedResponse created(OrderView view) {
        return CreatedResponse.created(objectMapper, view, BASE + "/" + view.id(), view.etag());
    }

    private static UUID id(Exchange exchange) {
        return ApiRequests.pathId(exchange, "order");
    }

    private static OrderStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("status", "must be one of " + java.util.Arrays.toString(OrderStatus.values()));
        }
    }
}
