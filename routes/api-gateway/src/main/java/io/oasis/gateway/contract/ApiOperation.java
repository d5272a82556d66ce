package io.oasis.gateway.contract;

import java.util.regex.Pattern;

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

    /** A regex for the concrete paths of this template; a path parameter matches one segment. */
    Pattern pattern() {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q"));
    }

    /** Literal segments count more than parameters, so {@code /customers/me} wins over {@code /customers/{id}}. */
    int specificity() {
        return path.replaceAll("\\{[^/}]+}", "").length();
    }
}
