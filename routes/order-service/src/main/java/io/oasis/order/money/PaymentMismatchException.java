package io.oasis.order.money;

import io.oasis.common.error.FieldError;
import io.oasis.common.error.ProblemException;
import io.oasis.common.error.ProblemType;
import java.util.List;

/** 422: a payment or refund notice that does not match the order; {@code errors} names amount or currency. */
public class PaymentMismatchException extends ProblemException {

    public PaymentMismatchException(String detail, List<FieldError> errors) {
        super(ProblemType.PAYMENT_MISMATCH, detail, errors);
    }
}
