package io.oasis.order.order;

import io.oasis.order.money.Amounts;
import io.oasis.order.process.OrderProcess;
import java.time.Clock;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The order's money as the process sees it (bean {@code orderMoney} in the diagram): the refund task sends
 * {@code ${orderMoney.refundable(execution)}}, what was paid and not refunded yet (partial refunds the
 * provider made before are not refunded twice), and records the refund once the provider took it. Both run
 * in the engine's transaction, so the record commits with the task's completion or not at all.
 */
@Component("orderMoney")
public class OrderMoney {

    private final OrderRepository orders;
    private final Clock clock;

    public OrderMoney(OrderRepository orders, Clock clock) {
        this.orders = orders;
        this.clock = clock;
    }

    /** What is left to refund, as decimal text in the order's minor units ("25.00"). */
    public String refundable(DelegateExecution execution) {
        Order order = order(execution);
        return Amounts.text(order.refundable(), order.getCurrency());
    }

    /**
     * Records the refund the provider just made (its id in the process variable {@code refundId}) of what was
     * left to refund. Nothing is recorded when nothing was left.
     */
    public void refunded(DelegateExecution execution) {
        Order order = order(execution);
        if (order.refundable().signum() == 0) {
            return;
        }
        Object refundId = execution.getVariable(OrderProcess.REFUND_ID);
        String reason = order.getStatus() == OrderStatus.CANCELLED ? "order cancelled" : "order not fulfilled";
        order.recordRefund(refundId == null ? "refund-" + order.getPaymentId() : refundId.toString(),
                order.refundable(), reason, clock.instant());
        orders.saveAndFlush(order);
    }

    private Order order(DelegateExecution execution) {
        UUID id = UUID.fromString(execution.getProcessBusinessKey());
        return orders.findById(id).orElseThrow(() -> new IllegalStateException("No order " + id));
    }
}
