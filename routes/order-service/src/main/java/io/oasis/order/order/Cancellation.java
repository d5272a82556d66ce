package io.oasis.order.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders/{id}/cancel}. */
public record Cancellation(@NotBlank @Size(max = 500) String reason) {
}
