package io.oasis.platform;

/** A start failure whose message alone tells the user what to do; printed without a stack trace. */
public class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
