package io.oasis.order.order;

import io.oasis.common.address.PostalAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /orders}. A customer orders for themselves (leave {@code customerId} out);
 * staff who may order on a customer's behalf name the customer. Totals are computed by the server, never
 * sent. Without a {@code shippingAddress} the order goes to the one in the customer's profile.
 */
public record NewOrder(
        UUID customerId,
        @Valid PostalAddress shippingAddress,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items) {

    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotBlank @Size(max = 200) String name,
            @Min(1) @Max(1000) int quantity,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 15, fraction = 2) BigDecimal unitPrice) {
    }
}
