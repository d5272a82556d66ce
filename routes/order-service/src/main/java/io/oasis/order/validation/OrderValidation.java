package io.oasis.order.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.order.bridge.ConnectorDelegate;
import io.oasis.order.money.Amounts;
import io.oasis.order.order.Order;
import io.oasis.order.order.OrderItem;
import io.oasis.order.order.OrderRepository;
import io.oasis.order.process.OrderProcess;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks of the validation step: the items make sense, the total is the server's own, and the
 * customer exists and is active. A failed check is a business outcome (BPMN error
 * {@code OrderInvalid} with the reason); an unreachable customer service is a technical one (retried).
 */
@Component
public class OrderValidation {

    static final int MAX_QUANTITY = 1000;

    private final OrderRepository orders;
    private final ObjectMapper json;

    public OrderValidation(OrderRepository orders, ObjectMapper json) {
        this.orders = orders;
        this.json = json;
    }

    /** Checks the items and recomputes the total; sets the variables the approval decision reads. */
    @Transactional
    public void checkOrder(Exchange exchange) {
        UUID id = UUID.fromString(exchange.getVariable(ConnectorDelegate.BUSINESS_KEY, String.class));
        Order order = orders.findById(id).orElseThrow(() -> new IllegalStateException("No order " + id));
        String problem = itemProblem(order);
        if (problem != null) {
            invalid(exchange, problem);
            return;
        }
        order.recomputeTotal();
        orders.saveAndFlush(order);
        // Decimal text, not a double: the approval decision compares it exactly (FEEL number()).
        exchange.setVariable(OrderProcess.ORDER_TOTAL, Amounts.text(order.getTotal(), order.getCurrency()));
        exchange.setVariable(OrderProcess.CURRENCY, order.getCurrency());
        // What the warehouse needs to reserve: the validated items, as JSON text (a plain process variable).
        exchange.setVariable(OrderProcess.ITEMS, itemsJson(order));
        exchange.setVariable(OrderProcess.FIRST_ORDER,
                orders.countByCustomerIdAndIdNot(order.getCustomerId(), order.getId()) == 0);
    }

    private String itemsJson(Order order) {
        try {
            return json.writeValueAsString(order.getItems().stream()
                    .map(item -> java.util.Map.of("sku", item.getSku(), "quantity", item.getQuantity())).toList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the items of order " + order.getId(), e);
        }
    }

    /** Reads the customer service's answer to {@code GET /api/v1/customers/{id}}. */
    public void checkCustomer(Exchange exchange) throws IOException {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404) {
            invalid(exchange, "customer " + exchange.getVariable(OrderProcess.CUSTOMER_ID) + " does not exist");
            return;
        }
        if (status != 200) {
            throw new IOException("The customer service answered " + status);
        }
        JsonNode customer = json.readTree(exchange.getMessage().getBody(byte[].class));
        if (!"ACTIVE".equalsIgnoreCase(customer.path("status").asText())) {
            invalid(exchange, "customer " + customer.path("id").asText() + " is not active");
        }
    }

    static String itemProblem(Order order) {
        if (order.getItems().isEmpty()) {
            return "the order has no items";
        }
        if (Amounts.currency(order.getCurrency()).isEmpty()) {
            return order.getCurrency() + " is not an ISO 4217 currency";
        }
        for (OrderItem item : order.getItems()) {
            if (item.getQuantity() < 1 || item.getQuantity() > MAX_QUANTITY) {
                return "quantity of " + item.getSku() + " must be 1 to " + MAX_QUANTITY;
            }
            if (item.getUnitPrice().compareTo(BigDecimal.ZERO) <= 0) {
                return "unit price of " + item.getSku() + " must be positive";
            }
            if (!Amounts.fits(item.getUnitPrice(), order.getCurrency())) {
                return "unit price of " + item.getSku() + " has more decimals than " + order.getCurrency() + " has";
            }
        }
        return null;
    }

    private static void invalid(Exchange exchange, String reason) {
        exchange.setVariable(ConnectorDelegate.BPMN_ERROR_CODE, OrderProcess.ERROR_ORDER_INVALID);
        exchange.setVariable(ConnectorDelegate.BPMN_ERROR_MESSAGE, reason);
    }
}
