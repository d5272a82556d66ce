package io.oasis.common.correlation;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.MDC;

/**
 * Gives every Camel exchange a correlation id when it enters its first route: the
 * {@value CorrelationId#HEADER} header (from HTTP or a Kafka record header), else the id of the
 * work that started it (MDC), else a new one. The id is kept as a message header, so producers
 * (camel-http, camel-kafka) pass it on, and put in the MDC for the route's log lines. When the exchange is
 * done, the MDC gets back the id it had before: a route called from inside other work (a producer template in
 * a request, a connector in a process step) must not leave that work without its id.
 */
public class CorrelationRoutePolicy extends RoutePolicySupport {

    /** Exchange property: the MDC's id before the exchange's first route began (absent when there was none). */
    static final String PREVIOUS_ID = "oasisPreviousCorrelationId";

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String id = exchange.getMessage().getHeader(CorrelationId.HEADER, String.class);
        if (id == null) {
            id = CorrelationId.current() != null ? CorrelationId.current() : CorrelationId.newId();
        }
        id = CorrelationId.resolve(id, null);
        exchange.getMessage().setHeader(CorrelationId.HEADER, id);
        String previous = CorrelationId.current();
        if (previous != null && route.getRouteId().equals(exchange.getFromRouteId())) {
            exchange.setProperty(PREVIOUS_ID, previous);
        }
        MDC.put(CorrelationId.MDC_KEY, id);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        // Only the route that received the exchange clears it, so a caller route keeps its id after direct: calls.
        if (route.getRouteId().equals(exchange.getFromRouteId())) {
            String previous = exchange.getProperty(PREVIOUS_ID, String.class);
            if (previous == null) {
                MDC.remove(CorrelationId.MDC_KEY);
            } else {
                MDC.put(CorrelationId.MDC_KEY, previous);
            }
        }
    }
}
