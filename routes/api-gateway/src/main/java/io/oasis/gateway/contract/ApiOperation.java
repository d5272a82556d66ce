package io.oasis.gateway.contract;

/**
 * One operation of the public API as the contract documents it.
 *
 * @param id the contract's {@code operationId}
 * @param method HTTP method, upper case
 * @param path the path template, e.g. {@code /api/v1/customers/{id}}
 * @param service the service that answers it ({@code x-oasis-service}); {@link #GATEWAY} for the gateway's own
 */
public record ApiOperation(String id, String method, String path, String service) {

    /** Operations the gateway answers itself rather than forwarding. */
    public static final String GATEWAY = "gateway";

    public boolean forwarded() {
        return !GATEWAY.equals(service);
    }

    /** {@code METHOD path}, as the role table names operations. */
    public String key() {
        return method + " " + path;
    }
}
