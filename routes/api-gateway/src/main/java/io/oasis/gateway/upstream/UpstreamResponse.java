package io.oasis.gateway.upstream;

import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What goes back to the caller of an upstream answer: its status, headers and body, less hop-by-hop
 * headers, with a Content-Length. Chunked (platform-http's default), each answer was flushed as soon
 * as its body was copied and then ended with a second write, though Camel has read the whole answer
 * before it is written either way.
 */
public final class UpstreamResponse {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-connection", "content-length");

    private UpstreamResponse() {
    }

    public static void clean(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)));
        message.setHeader(Exchange.HTTP_CHUNKED, false);
    }
}
