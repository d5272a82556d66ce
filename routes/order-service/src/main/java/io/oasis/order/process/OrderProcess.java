package io.oasis.order.process;

/**
 * The names code shares with workflows/order-lifecycle.bpmn: process key, element ids, messages and
 * variables. The business key of every instance is the order id.
 */
public final class OrderProcess {

    public static final String KEY = "order-lifecycle";

    // Elements
    public static final String TASK_VALIDATE_ORDER = "Task_ValidateOrder";
    public static final String TASK_DECIDE_APPROVAL = "Task_DecideApproval";
    public static final String TASK_REVIEW_ORDER = "Task_ReviewOrder";
    public static final String TASK_ESCALATE_REVIEW = "Task_EscalateReview";
    public static final String EVENT_REVIEW_OVERDUE = "Event_ReviewOverdue";
    public static final String TASK_REQUEST_PAYMENT = "Task_RequestPayment";
    public static final String GATEWAY_PAYMENT_OUTCOME = "Gateway_PaymentOutcome";
    public static final String EVENT_PAYMENT_TIMEOUT = "Event_PaymentTimeout";
    public static final String TASK_RECORD_PAYMENT = "Task_RecordPayment";
    public static final String TASK_REFUND_PAYMENT = "Task_RefundPayment";
    public static final String TASK_RESERVE_INVENTORY = "Task_ReserveInventory";
    public static final String TASK_RELEASE_INVENTORY = "Task_ReleaseInventory";
    public static final String TASK_CREATE_SHIPMENT = "Task_CreateShipment";
    public static final String EVENT_ORDER_SHIPPED = "Event_OrderShipped";
    public static final String EVENT_ORDER_DELIVERED = "Event_OrderDelivered";
    public static final String END_ORDER_DELIVERED = "End_OrderDelivered";
    public static final String END_ORDER_REJECTED = "End_OrderRejected";
    public static final String EVENT_CANCELLATION_REQUESTED = "Event_CancellationRequested";
    public static final String EVENT_COMPENSATE_OUT_OF_STOCK = "Event_CompensateOutOfStock";
    public static final String END_ORDER_CANCELLED = "End_OrderCancelled";
    public static final String END_PAYMENT_DECLINED = "End_PaymentDeclined";
    public static final String END_PAYMENT_TIMED_OUT = "End_PaymentTimedOut";
    public static final String END_OUT_OF_STOCK = "End_OutOfStock";

    // Messages (named like the events that trigger them)
    public static final String MESSAGE_PAYMENT_RECEIVED = "PaymentReceived";
    public static final String MESSAGE_PAYMENT_DECLINED = "PaymentDeclined";
    public static final String MESSAGE_ORDER_SHIPPED = "OrderShipped";
    public static final String MESSAGE_ORDER_DELIVERED = "OrderDelivered";
    public static final String MESSAGE_CANCELLATION_REQUESTED = "OrderCancellationRequested";

    // BPMN errors
    public static final String ERROR_ORDER_INVALID = "OrderInvalid";
    public static final String ERROR_OUT_OF_STOCK = "OutOfStock";

    // Variables
    public static final String ORDER_ID = "orderId";
    public static final String CUSTOMER_ID = "customerId";
    /** The order's total as decimal text with the currency's minor units ("25.00"): never a double. */
    public static final String ORDER_TOTAL = "orderTotal";
    public static final String CURRENCY = "currency";
    public static final String FIRST_ORDER = "firstOrder";
    public static final String APPROVAL = "approval";
    public static final String APPROVED = "approved";
    public static final String REVIEWED_BY = "reviewedBy";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String CANCEL_REASON = "cancelReason";
    public static final String CANCELLED_BY = "cancelledBy";
    public static final String PAYMENT_ID = "paymentId";
    /** The validated items as JSON text, [{"sku": ..., "quantity": ...}], set by validate-order. */
    public static final String ITEMS = "items";
    /** The payment provider's id of the refund, set by refund-payment. */
    public static final String REFUND_ID = "refundId";
    /** The carrier's tracking id, set by create-shipment. */
    public static final String TRACKING_ID = "trackingId";
    public static final String REVIEW_ESCALATION_AFTER = "reviewEscalationAfter";
    public static final String PAYMENT_TIMEOUT = "paymentTimeout";

    private OrderProcess() {
    }
}
