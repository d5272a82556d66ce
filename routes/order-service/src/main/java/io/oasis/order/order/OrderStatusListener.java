package io.oasis.order.order;

import io.oasis.order.process.OrderProcess;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Writes an order's status when the process reaches a step (bean {@code orderStatus}, used from
 * listeners and expressions in the diagram, e.g.
 * {@code ${orderStatus.change(execution, 'PAID', null, null)}}). The status row, its history entry
 * and its event join the engine's transaction: they commit with the process state or not at all.
 */
@Component("orderStatus")
public class OrderStatusListener {

    /** Priority of a review task that waited too long, so Tasklist lists it first. */
    static final int ESCALATED_PRIORITY = 100;

    private final OrderRepository orders;
    private final OrderEvents events;
    private final TaskService tasks;
    private final Clock clock;

    public OrderStatusListener(OrderRepository orders, OrderEvents events, TaskService tasks, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.tasks = tasks;
        this.clock = clock;
    }

    /**
     * @param status the new status (an {@link OrderStatus} name)
     * @param reason why, or null
     * @param actor  the subject of the person who caused it, or null for the system
     */
    public void change(DelegateExecution execution, String status, String reason, String actor) {
        Order order = order(execution);
        if (order.moveTo(OrderStatus.valueOf(status), reason, actor, clock.instant())) {
            orders.saveAndFlush(order);
            events.statusChanged(order);
        }
    }

    /**
     * The carrier booked the parcel (after the task {@code Task_CreateShipment}): its tracking number and link
     * go on the order, where its owner and staff read them and the {@code OrderShipped} event carries them. A
     * link is kept only if it is an absolute http(s) URL: it ends up in mails.
     */
    public void recordShipment(DelegateExecution execution) {
        Object number = execution.getVariable(OrderProcess.TRACKING_ID);
        if (!(number instanceof String trackingNumber) || trackingNumber.isBlank()) {
            throw new IllegalStateException("The carrier answered no tracking number for order "
                    + execution.getProcessBusinessKey());
        }
        Object link = execution.getVariable(OrderProcess.TRACKING_URL);
        Order order = order(execution);
        order.recordShipment(trackingNumber, link instanceof String url && isWebLink(url) ? url : null, clock.instant());
        orders.saveAndFlush(order);
    }

    static boolean isWebLink(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The review waited longer than allowed: noted in the history and put first in Tasklist. */
    public void escalateReview(DelegateExecution execution) {
        Order order = order(execution);
        order.note("review overdue: escalated", null, clock.instant());
        orders.saveAndFlush(order);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(OrderProcess.TASK_REVIEW_ORDER).list()) {
            tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
        }
    }

    private Order order(DelegateExecution execution) {
        UUID id = UUID.fromString(execution.getProcessBusinessKey());
        return orders.findById(id).orElseThrow(() -> new IllegalStateException("No order " + id));
    }
}
