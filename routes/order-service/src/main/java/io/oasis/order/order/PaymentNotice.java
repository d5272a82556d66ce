package io.oasis.order.order;

import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.order.money.Amounts;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The payment provider's notice for one order, by webhook or as the data of a {@code PaymentReceived}
 * or {@code PaymentDeclined} event on {@code oasis.payment.events}: a payment taken ({@code paid}, the
 * default), declined, or a refund made ({@code refunded}, with its {@code refundId}; part of the payment or
 * the rest). A payment or refund says how much it was: {@code amount} (an exact decimal with at most the
 * currency's minor units) in {@code currency}.
 */
public record PaymentNotice(
        @NotNull UUID orderId,
        @NotBlank @Size(max = 200) String paymentId,
        @Pattern(regexp = "paid|declined|refunded") String outcome,
        @Positive BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @Size(min = 1, max = 200) String refundId) {

    public boolean paid() {
        return outcome == null || "paid".equals(outcome);
    }

    public boolean refunded() {
        return "refunded".equals(outcome);
    }

    /**
     * A payment or refund names its amount and currency, in a currency's minor units; a refund names its id.
     *
     * @throws InvalidRequestException naming each missing or bad field
     */
    public void checkMoney() {
        if (!paid() && !refunded()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        if (amount == null) {
            errors.add(new FieldError("amount", "is required for a payment or refund"));
        }
        if (currency == null) {
            errors.add(new FieldError("currency", "is required for a payment or refund"));
        } else if (Amounts.currency(currency).isEmpty()) {
            errors.add(new FieldError("currency", "must be an ISO 4217 currency such as EUR; " + currency + " is none"));
        } else if (amount != null && !Amounts.fits(amount, currency)) {
            errors.add(new FieldError("amount", "has more decimals than " + currency + " has ("
                    + Amounts.minorUnits(currency) + ")"));
        }
        if (refunded() && refundId == null) {
            errors.add(new FieldError("refundId", "is required for a refund"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request has invalid fields.", errors);
        }
    }
}
