package io.oasis.common.error;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

/**
 * Turns any exception into the {@link Problem} a caller sees. Known client errors keep their
 * detail; anything else becomes a 500 that shows only the correlation id, never the exception's
 * message or stack trace (those go to the log).
 */
public final class Problems {

    private Problems() {
    }

    /** The problem for an exception; {@code instance} is the request path. */
    public static Problem from(Throwable failure, String instance, String correlationId) {
        Throwable known = findKnownCause(failure);
        if (known instanceof ProblemException e) {
            return new Problem(e.type(), e.title(), e.status(), e.getMessage(), instance, correlationId, e.errors());
        }
        if (known instanceof ConstraintViolationException e) {
            return of(ProblemType.VALIDATION, "The request has invalid fields.", instance, correlationId, fields(e));
        }
        if (known instanceof JsonProcessingException e) {
            return of(ProblemType.VALIDATION, "The request body is not valid JSON for this operation.", instance,
                    correlationId, List.of(jsonField(e)));
        }
        return internal(instance, correlationId);
    }

    /** The headers the failure's answer carries (a 401's challenge, a 429's Retry-After), if it has its own. */
    public static Map<String, String> headers(Throwable failure) {
        return findKnownCause(failure) instanceof ProblemException known ? known.headers() : Map.of();
    }

    /** A 500 that tells the caller only how to refer to the failure. */
    public static Problem internal(String instance, String correlationId) {
        return of(ProblemType.INTERNAL, "An unexpected error occurred. Quote correlation id " + correlationId
                + " when reporting it.", instance, correlationId, List.of());
    }

    /** A problem for a bare HTTP status (e.g. a 404 or 405 that Spring MVC produced outside any route). */
    public static Problem forStatus(int status, String title, String detail, String instance, String correlationId) {
        return new Problem(ProblemType.uriForStatus(status), title, status, detail, instance, correlationId, List.of());
    }

    public static Problem of(ProblemType type, String detail, String instance, String correlationId,
            List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, correlationId, errors);
    }

    /** True if the failure has an answer of its own (a caller's mistake, or a {@link ProblemException}), so it needs no stack trace in the log. */
    public static boolean isClientError(Throwable failure) {
        return findKnownCause(failure) != null;
    }

    private static Throwable findKnownCause(Throwable failure) {
        // The kernel's own exceptions win, even when wrapped (e.g. a body limit hit inside a JSON parser).
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException) {
                return t;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException || t instanceof ConstraintViolationException
                    || t instanceof JsonProcessingException) {
                return t;
            }
        }
        return null;
    }

    private static List<FieldError> fields(ConstraintViolationException e) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private static FieldError jsonField(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "unknown property");
        }
        if (e instanceof InvalidTextException text) {
            return new FieldError(path(text), text.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException invalid) {
            if (invalid.getValue() instanceof Number && isWholeNumber(invalid.getTargetType())) {
                return new FieldError(path(invalid), "must be a whole number");
            }
            return new FieldError(path(invalid), "must be a valid " + typeName(invalid.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            // A number in quotes is refused like any other string where a number belongs.
            String article = "number".equals(typeName(mismatched.getTargetType())) ? "a valid " : "a ";
            return new FieldError(path(mismatched), "must be " + article + typeName(mismatched.getTargetType()));
        }
        return new FieldError("$", "malformed JSON");
    }

    /** A JSON path such as {@code items[0].quantity}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class;
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum() || type.getName().startsWith("java.time.")
                || type == java.util.UUID.class) {
            return type.isEnum() ? "value (one of the allowed values)" : type.getSimpleName();
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "list" : "object";
    }
}
