package io.oasis.common.correlation;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

/**
 * Gives every Camel exchange a correlation id when it enters its first route: the
 * {@value CorrelationId#HEADER} header (from HTTP or a Kafka record header), else the id of the
 * work that started it (MDC), else a new one. The id is kept as a message header, so producers
 * (camel-http, camel-kafka) pass it on, and put in the MDC for the route's log lines.
 */
public class CorrelationRoutePolicy extends RoutePolicySupport {

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String id = exchange.getMessage().getHeader(CorrelationId.HEADER, String.class);
        if (id == null) {
            id = CorrelationId.current() != null ? CorrelationId.current() : CorrelationId.newId();
        }
        id = CorrelationId.resolve(id, null);
        exchange.getMessage().setHeader(CorrelationId.HEADER, id);
        MDC.put(CorrelationId.MDC_KEY, id);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        // Only the route that received the exchange clears it, so a caller route keeps its id after direct: calls.
        if (route.getRouteId().equals(exchange.getFromRouteId())) {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
