package io.oasis.gateway.upstream;

import java.util.Set;
import org.apache.camel.support.DefaultHeaderFilterStrategy;

/**
 * Which headers cross the gateway, for the public routes (answer to the caller) and the calls to
 * services (request to the service). Camel's HTTP default drops {@code Cache-Control}, {@code Pragma},
 * {@code Via} and {@code Warning} too, which are end to end: without them a service's caching policy
 * never reached the caller, and the caller's {@code no-cache} never reached the service. Held back:
 * Camel's own headers, hop-by-hop headers, and those the HTTP layer writes itself (length, type, host,
 * date). A service's answer passes through this filter only; {@link ForwardedRequest} chooses what of
 * a caller's request is forwarded at all.
 */
public class ProxyHeaderFilter extends DefaultHeaderFilterStrategy {

    public ProxyHeaderFilter() {
        setLowerCase(true);
        setOutFilter(Set.of("content-length", "content-type", "host", "date", "connection", "keep-alive",
                "proxy-authenticate", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"));
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }
}
