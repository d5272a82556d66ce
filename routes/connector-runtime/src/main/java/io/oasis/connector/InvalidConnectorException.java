package io.oasis.connector;

/** A connector file that cannot be loaded; the message says what to change, in one line. */
public class InvalidConnectorException extends RuntimeException {

    public InvalidConnectorException(String message) {
        super(message);
    }

    public InvalidConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
