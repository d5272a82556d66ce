package io.oasis.common.error;

/** 413 the request body is larger than {@code oasis.http.max-body-size}. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(String detail) {
        super(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }
}
