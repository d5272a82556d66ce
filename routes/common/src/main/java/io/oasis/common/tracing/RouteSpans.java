package io.oasis.common.tracing;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.tracing.ActiveSpanManager;
import org.apache.camel.tracing.SpanAdapter;

/**
 * The Camel exchange whose route runs on this thread, so that work done inside a route (a REST operation's
 * service call, an event handler) can name the route's span as its parent. Needed because Camel's tracer
 * keeps a route's span on the exchange: it is the thread's current span only until the route's first
 * endpoint call, which ends that scope. Only the exchange's first route is recorded; the id the thread had
 * before comes back when it is done.
 */
final class RouteSpans extends RoutePolicySupport {

    private static final ThreadLocal<Exchange> RUNNING = new ThreadLocal<>();
    private static final String PREVIOUS = "oasisPreviousTracedExchange";

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (!route.getRouteId().equals(exchange.getFromRouteId())) {
            return;
        }
        Exchange previous = RUNNING.get();
        if (previous != null && previous != exchange) {
            exchange.setProperty(PREVIOUS, previous);
        }
        RUNNING.set(exchange);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        if (!route.getRouteId().equals(exchange.getFromRouteId()) || RUNNING.get() != exchange) {
            return;
        }
        Exchange previous = exchange.getProperty(PREVIOUS, Exchange.class);
        if (previous == null) {
            RUNNING.remove();
        } else {
            RUNNING.set(previous);
        }
    }

    /**
     * The traceparent of the innermost span of the route running on this thread, or null. Only for an exchange
     * that arrived with a traceparent: its flags carry the sampling decision the route's spans follow.
     */
    static String current() {
        Exchange exchange = RUNNING.get();
        if (exchange == null) {
            return null;
        }
        String received = exchange.getMessage().getHeader(TraceParents.TRACEPARENT, String.class);
        if (received == null || received.length() < 55) {
            return null;
        }
        SpanAdapter span = ActiveSpanManager.getSpan(exchange);
        if (span == null) {
            return received;
        }
        return "00-" + span.traceId() + "-" + span.spanId() + "-" + received.substring(53, 55);
    }
}
