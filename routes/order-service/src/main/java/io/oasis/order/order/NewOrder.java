package io.oasis.order.order;

import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.order.money.Amounts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /orders}. A customer orders for themselves (leave {@code customerId} out);
 * an admin or order manager names the customer. Totals are computed by the server: a {@code total} sent
 * along is an unknown member, refused like any other. Unit prices are JSON numbers read as exact decimals
 * (see {@link #checkMoney}).
 */
public record NewOrder(
        UUID customerId,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        @NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items) {

    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotBlank @Size(max = 200) String name,
            @Min(1) @Max(1000) int quantity,
            @NotNull @Positive @Digits(integer = 10, fraction = Amounts.MAX_MINOR_UNITS) BigDecimal unitPrice) {
    }

    /**
     * The money rules Bean Validation cannot see alone: the currency is an ISO 4217 currency with minor units,
     * and no unit price has more decimals than it (EUR 12.505 and JPY 1.5 are refused, never rounded).
     *
     * @throws InvalidRequestException naming each bad field
     */
    public void checkMoney() {
        if (Amounts.currency(currency).isEmpty()) {
            throw InvalidRequestException.field("currency",
                    "must be an ISO 4217 currency such as EUR; " + currency + " is none");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!Amounts.fits(items.get(i).unitPrice(), currency)) {
                int digits = Amounts.minorUnits(currency);
                errors.add(new FieldError("items[" + i + "].unitPrice", "has more decimals than " + currency
                        + " has (" + digits + (digits == 1 ? " decimal" : " decimals") + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request has invalid fields.", errors);
        }
    }
}
