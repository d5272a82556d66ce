package io.oasis.order.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * The payment provider's answer for one order, by webhook or as the data of a {@code PaymentReceived}
 * or {@code PaymentDeclined} event on {@code oasis.payment.events}.
 */
public record PaymentNotice(
        @NotNull UUID orderId,
        @NotBlank @Size(max = 200) String paymentId,
        @Pattern(regexp = "paid|declined") String outcome) {

    public boolean paid() {
        return outcome == null || "paid".equals(outcome);
    }
}
