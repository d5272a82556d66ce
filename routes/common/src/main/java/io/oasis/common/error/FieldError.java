package io.oasis.common.error;

/** One bad field of a request: a JSON path such as {@code items[0].quantity} and what is wrong with it. */
public record FieldError(String field, String message) {
}
