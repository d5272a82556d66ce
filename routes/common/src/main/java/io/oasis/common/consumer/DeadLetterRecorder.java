package io.oasis.common.consumer;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a record that a consumer gave up on to {@code dead_letter_event}: where it came from
 * (topic, partition, offset, key), the original value and the last error. If this insert fails, the
 * record is not committed and Kafka redelivers it. Events of the types it is given to keep (erasures) are
 * refused the same way on purpose: they come back from Kafka until their handler succeeds.
 */
public class DeadLetterRecorder {

    /** The bean name the consumers' dead letter channel calls. */
    public static final String BEAN_NAME = "oasisDeadLetterRecorder";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final JdbcTemplate jdbcTemplate;
    private final List<String> retriedUntilHandled;

    /** @param retriedUntilHandled event types that are never dead-lettered but read again until handled */
    public DeadLetterRecorder(JdbcTemplate jdbcTemplate, List<String> retriedUntilHandled) {
        this.jdbcTemplate = jdbcTemplate;
        this.retriedUntilHandled = List.copyOf(retriedUntilHandled);
    }

    public void record(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        var message = exchange.getMessage();
        String topic = message.getHeader(KafkaConstants.TOPIC, String.class);
        Integer partition = message.getHeader(KafkaConstants.PARTITION, Integer.class);
        Long offset = message.getHeader(KafkaConstants.OFFSET, Long.class);
        String eventId = exchange.getProperty(EventConsumerRoute.EVENT_ID, String.class);
        String text = error == null ? "unknown error" : error.toString();
        String type = exchange.getProperty(EventConsumerRoute.EVENT_TYPE, String.class);
        if (type != null && retriedUntilHandled.contains(type)) {
            LOG.error("Event {} ({}) from {}-{}@{} failed in {} and is read again until it succeeds: {}", eventId, type,
                    topic, partition, offset, exchange.getFromRouteId(), text);
            throw new IllegalStateException("Event " + eventId + " (" + type + ") must be handled; it is read again");
        }
        LOG.error("Event {} from {}-{}@{} dead-lettered by {}: {}", eventId, topic, partition, offset,
                exchange.getFromRouteId(), text);
        jdbcTemplate.update("INSERT INTO dead_letter_event (consumer, topic, kafka_partition, kafka_offset, record_key, "
                + "event_id, payload, error, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                exchange.getFromRouteId(), topic, partition, offset, message.getHeader(KafkaConstants.KEY, String.class),
                eventId, message.getBody(String.class), text.length() > 4000 ? text.substring(0, 4000) : text,
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
