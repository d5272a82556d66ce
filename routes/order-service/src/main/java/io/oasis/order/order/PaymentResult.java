package io.oasis.order.order;

import io.oasis.common.error.FieldError;
import io.oasis.order.money.PaymentMismatchException;
import java.util.List;

/**
 * What a payment provider's notice did: applied (or applied before), or refused because its amount or
 * currency did not match. A refusal is committed (noted in the order's history) before the caller is
 * answered with {@link #orThrow()}.
 */
public record PaymentResult(CallbackOutcome outcome, String refusal, List<FieldError> mismatches) {

    static PaymentResult of(boolean applied, OrderStatus status) {
        return new PaymentResult(new CallbackOutcome(applied, status), null, List.of());
    }

    static PaymentResult refused(OrderStatus status, String refusal, List<FieldError> mismatches) {
        return new PaymentResult(new CallbackOutcome(false, status), refusal, List.copyOf(mismatches));
    }

    public boolean isRefused() {
        return refusal != null;
    }

    /** The outcome, or the 422 of a refused notice. */
    public CallbackOutcome orThrow() {
        if (isRefused()) {
            throw new PaymentMismatchException(refusal, mismatches);
        }
        return outcome;
    }
}
