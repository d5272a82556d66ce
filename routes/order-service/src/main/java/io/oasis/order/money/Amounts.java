package io.oasis.order.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;

/**
 * Money as the order service keeps it: a {@link BigDecimal} and an ISO 4217 code, never a binary
 * floating-point number. An amount may have at most its currency's minor units (EUR 2, JPY 0, KWD 3):
 * {@code 12.505} euros or {@code 1.5} yen are refused, not rounded, since a rounded amount is not what the
 * caller meant. Amounts are shown with exactly that many decimals ({@code 12.50}, {@code 1500}).
 */
public final class Amounts {

    /** Up to four decimals fit the database columns (NUMERIC(19, 4)): every ISO 4217 currency has fewer or as many. */
    public static final int MAX_MINOR_UNITS = 4;

    private Amounts() {
    }

    /**
     * The currency of an ISO 4217 code that has minor units, or empty: unknown codes and the codes of
     * things that are not money to pay with (gold XAU, the test code XTS, "no currency" XXX) have none.
     */
    public static Optional<Currency> currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            int digits = currency.getDefaultFractionDigits();
            return digits < 0 || digits > MAX_MINOR_UNITS ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How many decimals amounts of a known currency have (see {@link #currency}). */
    public static int minorUnits(String code) {
        return currency(code).orElseThrow(() -> new IllegalArgumentException("Not a currency: " + code))
                .getDefaultFractionDigits();
    }

    /** Whether {@code amount} needs no more decimals than {@code code} has ({@code 12.50} is fine for EUR, {@code 12.505} is not). */
    public static boolean fits(BigDecimal amount, String code) {
        return amount.stripTrailingZeros().scale() <= minorUnits(code);
    }

    /**
     * {@code amount} with exactly the currency's decimals, as shown to callers ({@code 25.0000} from the
     * database is {@code 25.00} for EUR).
     *
     * @throws ArithmeticException if it has more decimals than the currency allows (never for checked amounts)
     */
    public static BigDecimal exact(BigDecimal amount, String code) {
        return amount == null ? null : amount.setScale(minorUnits(code), RoundingMode.UNNECESSARY);
    }

    /** The amount as the process and connectors carry it: its decimal text, e.g. {@code "25.00"}. */
    public static String text(BigDecimal amount, String code) {
        return exact(amount, code).toPlainString();
    }

    /** {@code 25.00 EUR}: for messages people read. */
    public static String format(BigDecimal amount, String code) {
        return text(amount, code) + " " + code;
    }
}
