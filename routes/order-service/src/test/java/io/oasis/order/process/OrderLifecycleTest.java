package io.oasis.order.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of workflows/order-lifecycle.bpmn on an in-memory engine. The connectors and the status
 * writer are test doubles: these tests are about the diagram (which step follows which, what gets
 * compensated), not about the connectors themselves.
 */
@Deployment(resources = {"order-lifecycle.bpmn", "order-approval.dmn"})
class OrderLifecycleTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("order-process-test.cfg.xml")
            .assertClassCoverageAtLeast(0.95).build();

    private final Connectors connectors = new Connectors();
    private final StatusLog statuses = new StatusLog();
    private final MoneyLog money = new MoneyLog();

    @BeforeEach
    void doubles() {
        init(engine.getProcessEngine());
        Mocks.register("callConnector", connectors);
        Mocks.register("orderStatus", statuses);
        Mocks.register("orderMoney", money);
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    @Test
    void smallOrderIsApprovedAutomaticallyAndRunsToDelivery() {
        ProcessInstance order = start("50.00", false);

        validate(order);
        assertThat(order).hasPassed(OrderProcess.TASK_DECIDE_APPROVAL).isWaitingAt(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        assertThat(order).variables().containsEntry(OrderProcess.APPROVAL, "auto");

        pay(order);
        execute(job(OrderProcess.TASK_RESERVE_INVENTORY, order));
        execute(job(OrderProcess.TASK_CREATE_SHIPMENT, order));
        assertThat(order).isWaitingAt(OrderProcess.EVENT_ORDER_SHIPPED);
        correlate(OrderProcess.MESSAGE_ORDER_SHIPPED);
        correlate(OrderProcess.MESSAGE_ORDER_DELIVERED);

        assertThat(order).isEnded().hasPassed(OrderProcess.END_ORDER_DELIVERED);
        assertThat(statuses.changes).containsExactly("APPROVED", "AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED");
        assertThat(connectors.called).containsExactly("validate-order", "reserve-inventory", "create-shipment");
        assertThat(statuses.shipments).as("the carrier's tracking number goes on the order").containsExactly("TRK-1");
    }

    @Test
    void largeOrderWaitsForAManagerWhoApproves() {
        ProcessInstance order = start("1500.00", false);
        validate(order);

        assertThat(order).isWaitingAt(OrderProcess.TASK_REVIEW_ORDER);
        assertThat(task(order)).hasCandidateGroup("order-managers");
        taskService().complete(task(order).getId(), Map.of(OrderProcess.APPROVED, true,
                OrderProcess.REVIEWED_BY, "manager-1", OrderProcess.REVIEW_COMMENT, "known customer"));

        assertThat(order).isWaitingAt(OrderProcess.GATEWAY_PAYMENT_OUTCOME);
        assertThat(statuses.changes).containsExactly("IN_REVIEW", "APPROVED", "AWAITING_PAYMENT");
        assertThat(statuses.actors).contains("manager-1");
    }

    @Test
    void firstOrderAboveTheSmallAmountIsReviewedAndRejectedWithTheManagersReason() {
        ProcessInstance order = start("300.00", true);
        validate(order);

        assertThat(order).isWaitingAt(OrderProcess.TASK_REVIEW_ORDER);
        taskService().complete(task(order).getId(), Map.of(OrderProcess.APPROVED, false,
                OrderProcess.REVIEWED_BY, "manager-1", OrderProcess.REJECTION_REASON, "address looks fake"));

        assertThat(order).isEnded().hasPassed(OrderProcess.END_ORDER_REJECTED);
        assertThat(statuses.changes).containsExactly("IN_REVIEW", "REJECTED");
        assertThat(statuses.reasons).contains("address looks fake");
    }

    @Test
    void overdueReviewIsEscalatedAndStillWaitsForTheManager() {
        ProcessInstance order = start("1500.00", false);
        validate(order);

        execute(job(OrderProcess.EVENT_REVIEW_OVERDUE, order));

        assertThat(order).hasPassed(OrderProcess.TASK_ESCALATE_REVIEW).isWaitingAt(OrderProcess.TASK_REVIEW_ORDER);
        assertThat(statuses.escalations).isEqualTo(1);
    }

    @Test
    void unpaidOrderIsCancelledWhenThePaymentTimesOut() {
        ProcessInstance order = start("50.00", false);
        validate(order);

        execute(job(OrderProcess.EVENT_PAYMENT_TIMEOUT, order));

        assertThat(order).isEnded().hasPassed(OrderProcess.END_PAYMENT_TIMED_OUT);
        assertThat(statuses.changes).endsWith("CANCELLED");
        assertThat(statuses.reasons).contains("payment not received in time");
        assertThat(connectors.called).containsExactly("validate-order");
    }

    @Test
    void declinedPaymentCancelsTheOrder() {
        ProcessInstance order = start("50.00", false);
        validate(order);

        correlate(OrderProcess.MESSAGE_PAYMENT_DECLINED);

        assertThat(order).isEnded().hasPassed(OrderProcess.END_PAYMENT_DECLINED);
        assertThat(statuses.reasons).contains("payment declined");
    }

    @Test
    void cancellingBeforePaymentCompensatesNothing() {
        ProcessInstance order = start("50.00", false);
        validate(order);

        cancel("changed my mind");

        assertThat(statuses.changes).as("recorded as the request is answered").endsWith("CANCELLED");
        assertThat(statuses.reasons).contains("changed my mind");
        execute(job(OrderProcess.EVENT_CANCELLATION_REQUESTED, order));
        assertThat(order).isEnded().hasPassed(OrderProcess.END_ORDER_CANCELLED);
        assertThat(connectors.called).containsExactly("validate-order");
    }

    @Test
    void cancellingAfterPaymentRefundsAndReleasesTheInventory() {
        ProcessInstance order = start("50.00", false);
        validate(order);
        pay(order);
        execute(job(OrderProcess.TASK_RESERVE_INVENTORY, order));

        cancel("found it cheaper");

        assertThat(statuses.changes).endsWith("CANCELLED");
        assertThat(connectors.called).as("nothing undone within the cancel request").doesNotContain("refund-payment");
        // Refund and release run in a job of their own, retried by the engine.
        execute(job(OrderProcess.EVENT_CANCELLATION_REQUESTED, order));

        assertThat(order).isEnded().hasPassed(OrderProcess.TASK_REFUND_PAYMENT, OrderProcess.TASK_RELEASE_INVENTORY,
                OrderProcess.END_ORDER_CANCELLED);
        assertThat(connectors.called).contains("refund-payment", "release-inventory").doesNotContain("create-shipment");
        assertThat(connectors.refundAmounts).as("what was left to refund, as decimal text").containsExactly("30.00");
        assertThat(money.refundsRecorded).isEqualTo(1);
    }

    @Test
    void cancellingWhileWaitingForTheCarrierNeverMarksTheOrderShipped() {
        ProcessInstance order = start("50.00", false);
        validate(order);
        pay(order);
        execute(job(OrderProcess.TASK_RESERVE_INVENTORY, order));
        execute(job(OrderProcess.TASK_CREATE_SHIPMENT, order));
        assertThat(order).isWaitingAt(OrderProcess.EVENT_ORDER_SHIPPED);

        cancel("too slow");

        // Interrupting the wait ends the catch event; only taking its flow means the carrier shipped.
        assertThat(statuses.changes).doesNotContain("SHIPPED").endsWith("CANCELLED");
        execute(job(OrderProcess.EVENT_CANCELLATION_REQUESTED, order));
        assertThat(order).isEnded().hasPassed(OrderProcess.TASK_REFUND_PAYMENT, OrderProcess.TASK_RELEASE_INVENTORY);
    }

    @Test
    void aRefundThatKeepsFailingBecomesAnIncidentAndCompletesWhenRetried() {
        ProcessInstance order = start("50.00", false);
        validate(order);
        pay(order);
        execute(job(OrderProcess.TASK_RESERVE_INVENTORY, order));
        connectors.breakDown("refund-payment");
        cancel("found it cheaper");
        assertThat(statuses.changes).as("the cancellation stands while the refund fails").endsWith("CANCELLED");

        Job refund = job(OrderProcess.EVENT_CANCELLATION_REQUESTED, order);
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> managementService().executeJob(refund.getId()))
                    .hasRootCauseMessage("refund-payment: provider down");
        }

        // The incident names the step that failed, for the admin who looks at the order.
        assertThat(runtimeService().createIncidentQuery().processInstanceId(order.getId()).singleResult()
                .getIncidentMessage()).contains("compensation", OrderProcess.TASK_REFUND_PAYMENT);
        assertThat(order).isNotEnded();
        connectors.repaired("refund-payment");
        managementService().setJobRetries(refund.getId(), 1);
        assertThat(money.refundsRecorded).as("no refund recorded while it fails").isZero();
        execute(refund);
        assertThat(order).isEnded().hasPassed(OrderProcess.END_ORDER_CANCELLED);
        assertThat(money.refundsRecorded).isEqualTo(1);
        assertThat(runtimeService().createIncidentQuery().processInstanceId(order.getId()).count()).isZero();
    }

    @Test
    void invalidOrderIsRejectedWithTheValidationReason() {
        connectors.failWith("validate-order", "OrderInvalid", "customer is not active");
        ProcessInstance order = start("50.00", false);

        execute(job(OrderProcess.TASK_VALIDATE_ORDER, order));

        assertThat(order).isEnded().hasPassed(OrderProcess.END_ORDER_REJECTED).hasNotPassed(OrderProcess.TASK_DECIDE_APPROVAL);
        assertThat(statuses.changes).containsExactly("REJECTED");
        assertThat(statuses.reasons).contains("customer is not active");
    }

    @Test
    void outOfStockAfterPaymentRefundsAndCancels() {
        connectors.failWith("reserve-inventory", "OutOfStock", "SKU-1 sold out");
        ProcessInstance order = start("50.00", false);
        validate(order);
        pay(order);

        execute(job(OrderProcess.TASK_RESERVE_INVENTORY, order));
        execute(job(OrderProcess.EVENT_COMPENSATE_OUT_OF_STOCK, order));

        assertThat(order).isEnded().hasPassed(OrderProcess.TASK_REFUND_PAYMENT, OrderProcess.END_OUT_OF_STOCK)
                .hasNotPassed(OrderProcess.TASK_RELEASE_INVENTORY);
        assertThat(statuses.reasons).contains("out of stock");
    }

    private ProcessInstance start(String total, boolean firstOrder) {
        connectors.firstOrder = firstOrder;
        Map<String, Object> variables = new HashMap<>();
        variables.put(OrderProcess.ORDER_ID, "order-1");
        variables.put(OrderProcess.CUSTOMER_ID, "customer-1");
        variables.put(OrderProcess.ORDER_TOTAL, total);
        variables.put(OrderProcess.CURRENCY, "EUR");
        variables.put(OrderProcess.REVIEW_ESCALATION_AFTER, "PT24H");
        variables.put(OrderProcess.PAYMENT_TIMEOUT, "P3D");
        ProcessInstance order = runtimeService().startProcessInstanceByKey(OrderProcess.KEY, "order-1", variables);
        assertThat(order).isWaitingAt(OrderProcess.TASK_VALIDATE_ORDER);
        return order;
    }

    private static void validate(ProcessInstance order) {
        execute(job(OrderProcess.TASK_VALIDATE_ORDER, order));
    }

    private static void pay(ProcessInstance order) {
        runtimeService().createMessageCorrelation(OrderProcess.MESSAGE_PAYMENT_RECEIVED)
                .processInstanceBusinessKey("order-1").setVariable(OrderProcess.PAYMENT_ID, "pay-1").correlate();
        assertThat(order).hasPassed(OrderProcess.TASK_RECORD_PAYMENT);
    }

    private static void cancel(String reason) {
        runtimeService().createMessageCorrelation(OrderProcess.MESSAGE_CANCELLATION_REQUESTED)
                .processInstanceBusinessKey("order-1")
                .setVariable(OrderProcess.CANCEL_REASON, reason).setVariable(OrderProcess.CANCELLED_BY, "customer-sub")
                .correlate();
    }

    private static void correlate(String message) {
        runtimeService().createMessageCorrelation(message).processInstanceBusinessKey("order-1").correlate();
    }

    /** Stands in for the connector delegate: records each call, sets what validation would. */
    static class Connectors implements JavaDelegate {

        final List<String> called = new ArrayList<>();
        final Map<String, String[]> failures = new HashMap<>();
        final Set<String> down = new HashSet<>();
        final List<Object> refundAmounts = new ArrayList<>();
        boolean firstOrder;

        /** The connector fails technically (its provider is down) until repaired. */
        void breakDown(String connector) {
            down.add(connector);
        }

        void repaired(String connector) {
            down.remove(connector);
        }

        void failWith(String connector, String code, String message) {
            failures.put(connector, new String[] {code, message});
        }

        @Override
        public void execute(DelegateExecution execution) {
            String connector = (String) execution.getVariableLocal("connector");
            called.add(connector);
            if ("refund-payment".equals(connector)) {
                refundAmounts.add(execution.getVariable("refundAmount"));
            }
            if (down.contains(connector)) {
                throw new IllegalStateException(connector + ": provider down");
            }
            String[] failure = failures.get(connector);
            if (failure != null) {
                throw new BpmnError(failure[0], failure[1]);
            }
            if ("validate-order".equals(connector)) {
                execution.setVariable(OrderProcess.FIRST_ORDER, firstOrder);
            }
            if ("create-shipment".equals(connector)) {
                execution.setVariable(OrderProcess.TRACKING_ID, "TRK-1");
            }
        }
    }

    /** Stands in for the order's money ({@code orderMoney}): 30.00 left to refund; counts the refunds recorded. */
    public static class MoneyLog {

        int refundsRecorded;

        public String refundable(DelegateExecution execution) {
            return "30.00";
        }

        public void refunded(DelegateExecution execution) {
            refundsRecorded++;
        }
    }

    /** Stands in for the status writer ({@code orderStatus}): records the changes the diagram asks for. */
    public static class StatusLog {

        final List<String> changes = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> actors = new ArrayList<>();
        final List<String> shipments = new ArrayList<>();
        int escalations;

        public void change(DelegateExecution execution, String status, String reason, String actor) {
            changes.add(status);
            reasons.add(reason);
            actors.add(actor);
        }

        public void escalateReview(DelegateExecution execution) {
            escalations++;
        }

        public void recordShipment(DelegateExecution execution) {
            shipments.add((String) execution.getVariable(OrderProcess.TRACKING_ID));
        }
    }
}
