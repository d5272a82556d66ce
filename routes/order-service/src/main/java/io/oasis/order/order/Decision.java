package io.oasis.order.order;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An order manager's decision on an order under review; a rejection needs a reason. */
public record Decision(@NotNull Boolean approve, @Size(max = 500) String reason) {

    @AssertTrue(message = "a rejection needs a reason")
    public boolean isReasonGivenForRejection() {
        return approve == null || approve || (reason != null && !reason.isBlank());
    }
}
