package io.oasis.order.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.address.PostalAddress;
import io.oasis.common.error.ConflictException;
import io.oasis.common.error.FieldError;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.paging.PageResponse;
import io.oasis.common.security.CurrentUser;
import io.oasis.order.bridge.ProcessBridge;
import io.oasis.order.money.Amounts;
import io.oasis.order.money.PaymentMismatches;
import io.oasis.order.process.OrderProcess;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orders: placing one starts its process; every later change goes through the process (a message,
 * a completed task), and the process writes the status. Each operation is one transaction with the
 * engine, so the order row, the process state and the outbox rows commit together. Every request
 * that changes an order (cancel, decision, payment and carrier callbacks) locks its row first, so two
 * such requests run one after the other and the second sees what the first did (a 409 if that leaves
 * it nothing to do). The process's own steps (timers, async jobs) take no lock: a request that meets
 * one of them in the engine gets a 409 too.
 */
@Service
public class OrderService {

    /** The actor of what the payment provider's notices change or are refused for, in the order's history. */
    public static final String PAYMENT_PROVIDER = "payment-provider";

    private final OrderRepository orders;
    private final OrderEvents events;
    private final ProcessBridge process;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration reviewEscalationAfter;
    private final Duration paymentTimeout;
    private final ObjectMapper objectMapper;
    private final PaymentMismatches mismatches;

    public OrderService(OrderRepository orders, OrderEvents events, ProcessBridge process, RuntimeService runtime,
            TaskService tasks, ManagementService management, TransactionTemplate tx, Clock clock,
            PaymentMismatches mismatches,
            @Value("${oasis.order.review-escalation-after}") Duration reviewEscalationAfter,
            @Value("${oasis.order.payment-timeout}") Duration paymentTimeout, ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        this.orders = orders;
        this.events = events;
        this.process = process;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.tx = tx;
        this.clock = clock;
        this.reviewEscalationAfter = reviewEscalationAfter;
        this.paymentTimeout = paymentTimeout;
        this.mismatches = mismatches;
    }

    /**
     * Saves the order, writes {@code OrderPlaced} and starts its process, in one transaction.
     *
     * @param customerId      whose order it is: the caller's own profile, or the customer staff order for
     * @param shippingAddress where it goes (the request's, or the profile's)
     * @param onBehalf        whether staff place it for the customer
     */
    public OrderView place(NewOrder request, UUID customerId, PostalAddress shippingAddress, boolean onBehalf,
            CurrentUser caller) {
        return inTransaction(() -> {
            Instant now = clock.instant();
            List<OrderItem> items = request.items().stream()
                    .map(i -> new OrderItem(i.sku(), i.name(), i.quantity(), i.unitPrice())).toList();
            Order order = orders.saveAndFlush(new Order(UUID.randomUUID(), customerId, caller.subject(), onBehalf,
                    request.currency(), items, shippingAddress, now));
            events.statusChanged(order);
            Map<String, Object> variables = new HashMap<>();
            variables.put(OrderProcess.ORDER_ID, order.getId().toString());
            variables.put(OrderProcess.CUSTOMER_ID, customerId.toString());
            variables.put(OrderProcess.ORDER_TOTAL, Amounts.text(order.getTotal(), order.getCurrency()));
            variables.put(OrderProcess.CURRENCY, order.getCurrency());
            variables.put(OrderProcess.REVIEW_ESCALATION_AFTER, reviewEscalationAfter.toString());
            variables.put(OrderProcess.PAYMENT_TIMEOUT, paymentTimeout.toString());
            variables.put(OrderProcess.SHIPPING_ADDRESS, json(shippingAddress));
            process.start(OrderProcess.KEY, order.getId().toString(), variables);
            return view(order, caller);
        });
    }

    public OrderView get(UUID id, CurrentUser caller, OwnCustomer own) {
        return inTransaction(() -> {
            Order order = find(id);
            OrderAccess.requireRead(caller, order, own);
            return view(order, caller);
        });
    }

    public PageResponse<OrderView> list(OrderFilter filter, Pageable page, CurrentUser caller, OwnCustomer own) {
        own.id(); // looked up before the transaction: no connection is held while the customer service answers
        return inTransaction(() -> PageResponse.of(orders.findAll(filter.toSpecification(caller, own), page),
                order -> OrderView.of(order, null)));
    }

    /**
     * Cancels the order (refunding and releasing what was done) unless it has been shipped: its customer, or
     * staff on their behalf, under the same rules. The history names who cancelled.
     */
    public OrderView cancel(UUID id, String reason, CurrentUser caller, OwnCustomer own) {
        return inTransaction(() -> {
            Order order = lock(id);
            OrderAccess.requireCancel(caller, order, own);
            if (!order.getStatus().isCancellable()
                    || !process.isWaitingFor(OrderProcess.MESSAGE_CANCELLATION_REQUESTED, id.toString())) {
                throw new ConflictException("The order is " + order.getStatus() + " and can no longer be cancelled.");
            }
            process.correlate(OrderProcess.MESSAGE_CANCELLATION_REQUESTED, id.toString(), Map.of(
                    OrderProcess.CANCEL_REASON, reason, OrderProcess.CANCELLED_BY, caller.subject()));
            return view(find(id), caller);
        });
    }

    public ApprovalView approval(UUID id) {
        return inTransaction(() -> {
            Order order = find(id);
            Task task = reviewTask(id);
            Instant escalatesAt = task == null ? null : timers(task.getProcessInstanceId()).stream()
                    .filter(t -> OrderProcess.EVENT_REVIEW_OVERDUE.equals(t.activityId()))
                    .map(OrderView.Timer::dueAt).findFirst().orElse(null);
            return new ApprovalView(id, order.getStatus(), task != null, task == null ? null : task.getId(),
                    task == null ? null : task.getCreateTime().toInstant(), escalatesAt, order.getTotal(),
                    order.getCurrency());
        });
    }

    /** An order manager approves or rejects an order under review (completes the review task). */
    public OrderView decide(UUID id, Decision decision, CurrentUser caller) {
        return inTransaction(() -> {
            // Locked: a cancellation running at the same time could otherwise end the review task
            // between reading it and completing it, which the engine answers with an error, not a conflict.
            Order order = lock(id);
            Task task = order.getStatus() == OrderStatus.IN_REVIEW ? reviewTask(id) : null;
            if (task == null) {
                throw new ConflictException("The order is " + order.getStatus() + ": there is no decision to make.");
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put(OrderProcess.APPROVED, decision.approve());
            variables.put(OrderProcess.REVIEWED_BY, caller.subject());
            variables.put(decision.approve() ? OrderProcess.REVIEW_COMMENT : OrderProcess.REJECTION_REASON,
                    decision.reason());
            tasks.complete(task.getId(), variables);
            return view(find(id), caller);
        });
    }

    /**
     * The payment provider's notice for an order (webhook or Kafka): a payment taken or declined, or a refund
     * made. A payment must be the order's total in its currency, a refund at most what is left to refund: a
     * notice that differs changes nothing but a note in the order's history (staff see it there and in the
     * log and metric), and the order keeps waiting for a correct one. Repeats of an applied notice change nothing.
     */
    public PaymentResult payment(PaymentNotice notice) {
        if (notice.refunded()) {
            return refund(notice);
        }
        UUID id = notice.orderId();
        String paymentId = notice.paymentId();
        return inTransaction(() -> {
            Order order = lock(id);
            if (paymentId.equals(order.getPaymentId())) {
                return PaymentResult.of(false, order.getStatus());
            }
            String message = notice.paid() ? OrderProcess.MESSAGE_PAYMENT_RECEIVED : OrderProcess.MESSAGE_PAYMENT_DECLINED;
            if (order.getStatus() != OrderStatus.AWAITING_PAYMENT || !process.isWaitingFor(message, id.toString())) {
                throw new ConflictException("The order is " + order.getStatus() + " and waits for no payment.");
            }
            if (notice.paid()) {
                List<FieldError> differences = differences(order, notice, order.getTotal(), "the order's total");
                if (!differences.isEmpty()) {
                    return refuse(order, "payment", paymentId, "Payment " + paymentId + " of "
                            + Amounts.format(notice.amount(), notice.currency()) + " refused: the order's total is "
                            + Amounts.format(order.getTotal(), order.getCurrency()) + ".", differences);
                }
            }
            order.recordPayment(paymentId, notice.paid() ? order.getTotal() : null);
            orders.saveAndFlush(order);
            process.correlate(message, id.toString(), Map.of(OrderProcess.PAYMENT_ID, paymentId));
            return PaymentResult.of(true, find(id).getStatus());
        });
    }

    /** A refund the provider made, whole or partial (the process's own refund is recorded as it completes). */
    private PaymentResult refund(PaymentNotice notice) {
        return inTransaction(() -> {
            Order order = lock(notice.orderId());
            if (order.getPaidAmount() == null || !notice.paymentId().equals(order.getPaymentId())) {
                throw new ConflictException("Payment " + notice.paymentId() + " is not this order's payment: "
                        + "there is nothing to refund.");
            }
            if (order.getRefunds().stream().anyMatch(r -> r.getRefundId().equals(notice.refundId()))) {
                return PaymentResult.of(false, order.getStatus());
            }
            List<FieldError> differences = differences(order, notice, order.refundable(), "what is left to refund");
            if (!differences.isEmpty()) {
                return refuse(order, "refund", notice.refundId(), "Refund " + notice.refundId() + " of "
                        + Amounts.format(notice.amount(), notice.currency()) + " refused: "
                        + Amounts.format(order.refundable(), order.getCurrency()) + " is left to refund.", differences);
            }
            Instant now = clock.instant();
            order.recordRefund(notice.refundId(), Amounts.exact(notice.amount(), order.getCurrency()),
                    "refunded by the payment provider", now);
            order.note("refund " + notice.refundId() + " of " + Amounts.format(notice.amount(), order.getCurrency())
                    + " recorded", PAYMENT_PROVIDER, now);
            orders.saveAndFlush(order);
            return PaymentResult.of(true, order.getStatus());
        });
    }

    /**
     * How a notice's money differs from what it should be: another currency, or (for a payment) another amount
     * than {@code expected}, (for a refund) more than {@code expected}.
     */
    private static List<FieldError> differences(Order order, PaymentNotice notice, BigDecimal expected, String what) {
        if (!notice.currency().equals(order.getCurrency())) {
            return List.of(new FieldError("currency", "the order is in " + order.getCurrency() + ", not "
                    + notice.currency()));
        }
        boolean wrong = notice.refunded() ? notice.amount().compareTo(expected) > 0
                : notice.amount().compareTo(expected) != 0;
        if (wrong) {
            return List.of(new FieldError("amount", (notice.refunded() ? "exceeds " : "differs from ") + what + ", "
                    + Amounts.format(expected, order.getCurrency())));
        }
        return List.of();
    }

    /** Notes the refusal in the order's history, for staff, and in the log and metric; the process is not touched. */
    private PaymentResult refuse(Order order, String kind, String reference, String detail, List<FieldError> differences) {
        order.note(detail, PAYMENT_PROVIDER, clock.instant());
        orders.saveAndFlush(order);
        mismatches.record(kind, order.getId(), reference, detail);
        return PaymentResult.refused(order.getStatus(), detail, differences);
    }

    /** A carrier's notice that the order left ({@code OrderShipped}) or arrived ({@code OrderDelivered}). */
    public CallbackOutcome carrierNotice(UUID id, String message, OrderStatus after) {
        return inTransaction(() -> {
            Order order = lock(id);
            if (order.getStatus() == after) {
                return new CallbackOutcome(false, after);
            }
            if (!process.isWaitingFor(message, id.toString())) {
                throw new ConflictException("The order is " + order.getStatus() + " and does not wait for " + message + ".");
            }
            process.correlate(message, id.toString(), Map.of());
            return new CallbackOutcome(true, find(id).getStatus());
        });
    }

    /** The address as JSON text, a plain process variable the carrier connector puts into its request. */
    private String json(PostalAddress address) {
        try {
            return objectMapper.writeValueAsString(address);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a shipping address", e);
        }
    }

    private Order find(UUID id) {
        return orders.findById(id).orElseThrow(() -> OrderAccess.notFound(id));
    }

    /** The order, its row locked until the transaction ends: changes to one order run one at a time. */
    private Order lock(UUID id) {
        return orders.findForUpdate(id).orElseThrow(() -> OrderAccess.notFound(id));
    }

    private Task reviewTask(UUID id) {
        return tasks.createTaskQuery().processInstanceBusinessKey(id.toString())
                .taskDefinitionKey(OrderProcess.TASK_REVIEW_ORDER).singleResult();
    }

    private OrderView view(Order order, CurrentUser caller) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(order.getId().toString()).singleResult();
        if (instance == null) {
            return OrderView.of(order, OrderView.Process.ENDED, refund(order, List.of(), false));
        }
        List<OrderView.Step> steps = new ArrayList<>();
        ActivityInstance tree = runtime.getActivityInstance(instance.getId());
        if (tree != null) {
            collectSteps(tree, steps);
        }
        List<OrderView.Incident> incidents = OrderAccess.isStaff(caller) ? incidents(instance.getId()) : List.of();
        return OrderView.of(order, new OrderView.Process(steps, timers(instance.getId()), incidents),
                refund(order, steps, true));
    }

    /**
     * A paid order's refund: pending while its process still undoes the payment (a cancelled order whose
     * process runs on is compensating; out of stock, it waits at the refund), refunded once it has ended.
     */
    private static OrderView.RefundStatus refund(Order order, List<OrderView.Step> steps, boolean running) {
        boolean paid = order.getHistory().stream().anyMatch(change -> change.getTo() == OrderStatus.PAID);
        if (!paid) {
            return null;
        }
        boolean refunding = order.getStatus() == OrderStatus.CANCELLED
                || steps.stream().anyMatch(step -> OrderProcess.EVENT_COMPENSATE_OUT_OF_STOCK.equals(step.id()));
        if (refunding && running) {
            return OrderView.RefundStatus.PENDING;
        }
        return order.getStatus() == OrderStatus.CANCELLED ? OrderView.RefundStatus.REFUNDED : null;
    }

    private static void collectSteps(ActivityInstance instance, List<OrderView.Step> steps) {
        for (TransitionInstance waiting : instance.getChildTransitionInstances()) {
            steps.add(new OrderView.Step(waiting.getActivityId(), waiting.getActivityName()));
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                steps.add(new OrderView.Step(child.getActivityId(), child.getActivityName()));
            } else {
                collectSteps(child, steps);
            }
        }
    }

    private List<OrderView.Timer> timers(String processInstanceId) {
        List<OrderView.Timer> timers = new ArrayList<>();
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
            String activityId = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                    .singleResult().getActivityId();
            timers.add(new OrderView.Timer(activityId, job.getDuedate().toInstant()));
        }
        return timers;
    }

    private List<OrderView.Incident> incidents(String processInstanceId) {
        return runtime.createIncidentQuery().processInstanceId(processInstanceId).orderByIncidentTimestamp().asc().list()
                .stream().map(incident -> new OrderView.Incident(incident.getActivityId(), incident.getIncidentMessage(),
                        incident.getIncidentTimestamp().toInstant()))
                .toList();
    }

    /**
     * Runs one operation in a transaction (or the caller's); a concurrent change of the same order,
     * seen by Hibernate or by the engine, becomes a 409.
     */
    private <T> T inTransaction(Supplier<T> operation) {
        try {
            return tx.execute(status -> operation.get());
        } catch (ConcurrencyFailureException | org.camunda.bpm.engine.OptimisticLockingException e) {
            throw concurrentChange();
        } catch (RuntimeException e) {
            if (hasConcurrencyCause(e)) {
                throw concurrentChange();
            }
            throw e;
        }
    }

    private static boolean hasConcurrencyCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t instanceof org.camunda.bpm.engine.OptimisticLockingException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (t instanceof NotFoundException || t instanceof ConflictException) {
                return false;
            }
        }
        return false;
    }

    private static ConflictException concurrentChange() {
        return new ConflictException("The order was changed by another request at the same time: read it again.");
    }
}
