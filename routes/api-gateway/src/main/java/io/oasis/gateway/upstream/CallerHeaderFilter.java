package io.oasis.gateway.upstream;

import io.oasis.common.correlation.CorrelationId;
import org.apache.camel.Exchange;

/**
 * {@link ProxyHeaderFilter} for the public routes, with one difference: of a caller's request only
 * the correlation id becomes a message header. The gateway reads everything else from the request
 * itself (the steps of the request path, see RequestPath), and copying every header into the
 * message, only for {@link ForwardedRequest} to remove them again, was work done on every request.
 * Answers to the caller pass as {@link ProxyHeaderFilter} lets them.
 */
public class CallerHeaderFilter extends ProxyHeaderFilter {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !CorrelationId.HEADER.equalsIgnoreCase(headerName);
    }
}
