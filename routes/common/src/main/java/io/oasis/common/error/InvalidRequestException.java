package io.oasis.common.error;

import java.util.List;

/** 400: the request is malformed or breaks a rule; {@code errors} names each bad field. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(ProblemType.VALIDATION, detail, errors);
    }

    /** One bad field, e.g. {@code InvalidRequestException.field("email", "is already registered")}. */
    public static InvalidRequestException field(String field, String message) {
        return new InvalidRequestException("The request has invalid fields.", List.of(new FieldError(field, message)));
    }
}
