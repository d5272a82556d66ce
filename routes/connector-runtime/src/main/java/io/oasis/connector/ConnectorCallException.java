package io.oasis.connector;

/**
 * A connector call that failed for a technical reason (the third party answered 5xx or an undeclared
 * 4xx, did not answer in time, could not be reached, or the connector's circuit breaker is open). The
 * caller fails, so the engine retries the job and then raises an incident with this message.
 */
public class ConnectorCallException extends RuntimeException {

    private final String connector;

    public ConnectorCallException(String connector, String message, Throwable cause) {
        super("Connector " + connector + ": " + message, cause);
        this.connector = connector;
    }

    public String connector() {
        return connector;
    }
}
