package io.oasis.common.events;

/** A Kafka record that is not a usable CloudEvent. Retrying does not help, so consumers dead-letter it at once. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
