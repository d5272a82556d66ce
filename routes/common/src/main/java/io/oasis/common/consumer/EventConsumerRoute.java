package io.oasis.common.consumer;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.events.InvalidEventException;
import io.oasis.common.events.ReceivedEvent;
import io.oasis.common.tracing.TraceParents;
import io.micrometer.observation.transport.Kind;

/**
 * Consumes CloudEvents from one Kafka topic, each at most once in effect and none lost:
 * <ul>
 * <li>the offset is committed only after a record's exchange completed (no auto-commit; a failing
 * record stops the partition and is read again: {@code breakOnFirstError});</li>
 * <li>a failure is retried {@code oasis.consumer.maximum-redeliveries} times with a doubling delay, then
 * the record is written to {@code dead_letter_event} and the consumer moves on; an event of a type in
 * {@code oasis.consumer.retried-until-handled} (an erasure) is never dead-lettered but read again until
 * it succeeds;</li>
 * <li>an event id already completed is skipped; an id taken by a node that died before finishing is
 * processed again once its lock is older than {@code oasis.consumer.lock-max-age}.</li>
 * </ul>
 * The {@link EventHandler} is called with each new event while the correlation id of the event is in
 * the MDC. It runs inside this route (not behind a {@code direct:} route, whose own error handler would
 * swallow the retries). Register one bean per subscription:
 * <pre>{@code
 * @Bean
 * EventConsumerRoute orderEvents(OrderEventHandler handler) {
 *     return new EventConsumerRoute("notification-order-events", "{{oasis.topics.order-events}}",
 *             "notification-service", handler::onOrderEvent);
 * }
 * }</pre>
 * Duplicates by event id are dropped here, but the handler should still make its effect in one
 * transaction so a crash mid-way leaves nothing half done.
 */
public class EventConsumerRoute extends RouteBuilder {

    /** Exchange property with the CloudEvent id of the record. */
    public static final String EVENT_ID = "oasisEventId";
    /** Exchange property with the CloudEvent type of the record. */
    public static final String EVENT_TYPE = "oasisEventType";

    private final String routeId;
    private final String topic;
    private final String groupId;
    private final EventHandler handler;

    /**
     * @param routeId route id, also the key under which processed ids are stored
     * @param topic   the topic (placeholders allowed)
     * @param groupId the Kafka consumer group, normally the service name
     * @param handler what to do with each new event, e.g. a method reference to a service bean
     */
    public EventConsumerRoute(String routeId, String topic, String groupId, EventHandler handler) {
        this.routeId = routeId;
        this.topic = topic;
        this.groupId = groupId;
        this.handler = handler;
    }

    /** The route id, which is also this consumer's name in the dead letters and their metrics. */
    public String routeId() {
        return routeId;
    }

    @Override
    public void configure() {
        EventConsumerSupport support = getContext().getRegistry().findSingleByType(EventConsumerSupport.class);
        ConsumerProperties settings = support.properties();

        errorHandler(deadLetterChannel("bean:" + DeadLetterRecorder.BEAN_NAME + "?method=record")
                // If the dead-letter insert fails, the record stays uncommitted and comes back.
                .deadLetterHandleNewException(false)
                .useOriginalMessage()
                .maximumRedeliveries(settings.getMaximumRedeliveries())
                .redeliveryDelay(settings.getRedeliveryDelay())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(settings.getMaximumRedeliveryDelay())
                .retryAttemptedLogLevel(LoggingLevel.WARN));

        // A record that is not a CloudEvent will not become one by retrying.
        onException(InvalidEventException.class).maximumRedeliveries(0);

        from("kafka:" + topic + "?groupId=" + groupId
                + "&autoOffsetReset=earliest"
                // Commit only what completed: the component commits each partition's processed offsets
                // after the records of a poll are done, and never past a failed one.
                + "&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true")
                .routeId(routeId)
                .process(exchange -> readEvent(exchange, support))
                .idempotentConsumer(exchangeProperty(EVENT_ID), support.repository(routeId, getContext()))
                    .skipDuplicate(true)
                    .removeOnFailure(true)
                    .process(exchange -> handle(exchange.getMessage().getBody(ReceivedEvent.class), support))
                .end();
    }

    /** The handler's work is a span of the trace that published the event (its distributed-tracing extension). */
    private void handle(ReceivedEvent event, EventConsumerSupport support) throws Exception {
        try (TraceParents.Step step = support.traceParents().resume(event.traceparent(), "handle " + event.type(),
                Kind.CONSUMER, Map.of("oasis.event.type", event.type(), "oasis.event.id", event.id(),
                        "oasis.consumer", routeId))) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                step.error(e);
                throw e;
            }
        }
    }

    private static void readEvent(Exchange exchange, EventConsumerSupport support) {
        ReceivedEvent event = support.mapper().parse(exchange.getMessage().getBody(byte[].class));
        exchange.setProperty(EVENT_ID, event.id());
        exchange.setProperty(EVENT_TYPE, event.type());
        if (event.correlationId() != null) {
            exchange.getMessage().setHeader(CorrelationId.HEADER, event.correlationId());
            MDC.put(CorrelationId.MDC_KEY, event.correlationId());
        }
        exchange.getMessage().setBody(event);
    }
}
