package io.oasis.common.consumer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.error.ServiceUnavailableException;
import io.oasis.common.events.CloudEventMapper;
import io.oasis.common.paging.PageResponse;

/**
 * This service's dead letters ({@code dead_letter_event}, written by {@link DeadLetterRecorder}): listed, read
 * and replayed by admins.
 *
 * <p>A replay sends the record's original value and key to its topic again. The consumer that gave up did not
 * mark the event id as handled, so it takes the event anew; every other consumer of the topic has the id and
 * drops it. A letter is replayed once: the row is locked while its record is sent, and a second replay answers
 * the first one's outcome without sending anything. If the event fails again, it becomes a new dead letter.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final String COLUMNS = "letter_id, consumer, topic, kafka_partition, kafka_offset, record_key, "
            + "event_id, error, failed_at, replayed_at, replayed_by, payload";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProducerTemplate producer;
    private final Clock clock;

    public DeadLetters(JdbcTemplate jdbc, TransactionTemplate transactions, ProducerTemplate producer, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.clock = clock;
    }

    /** Newest first; {@code consumer} (a route id) and {@code replayed} filter when not null. */
    public PageResponse<DeadLetter> list(String consumer, Boolean replayed, Pageable page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        if (consumer != null) {
            where.append(" AND consumer = ?");
            arguments.add(consumer);
        }
        if (replayed != null) {
            where.append(replayed ? " AND replayed_at IS NOT NULL" : " AND replayed_at IS NULL");
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM dead_letter_event" + where, Long.class,
                arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(page.getOffset());
        paged.add(page.getPageSize());
        List<DeadLetter> letters = jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_event" + where
                + " ORDER BY failed_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", DeadLetters::letter,
                paged.toArray());
        return PageResponse.of(new PageImpl<>(letters, page, total == null ? 0 : total), DeadLetter::withoutPayload);
    }

    /** One letter with its payload; 404 if there is none of that id. */
    public DeadLetter get(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_event WHERE letter_id = ?", DeadLetters::letter, id)
                .stream().findFirst().orElseThrow(() -> notFound(id));
    }

    /**
     * Sends the letter's record to its topic again, once; returns the letter with who replayed it and when.
     * 404 for an unknown id, 409 for a record that is not an event (it would fail the same way), 503 when the
     * broker does not take it (nothing is marked, so the replay can be asked again).
     */
    public DeadLetter replay(UUID id, String by) {
        return transactions.execute(status -> {
            DeadLetter letter = jdbc.query("SELECT " + COLUMNS + " FROM dead_letter_event WHERE letter_id = ? "
                    + "FOR UPDATE", DeadLetters::letter, id).stream().findFirst().orElseThrow(() -> notFound(id));
            if (letter.replayedAt() != null) {
                return letter;
            }
            if (letter.eventId() == null || letter.payload() == null) {
                throw new ConflictException("Dead letter " + id + " is not an event (" + letter.error()
                        + "); sent again, it would fail the same way.");
            }
            Exception failure = send(letter);
            if (failure != null) {
                LOG.warn("Dead letter {} (event {}) could not be sent to {} again: {}", id, letter.eventId(),
                        letter.topic(), failure.toString());
                throw new ServiceUnavailableException("Broker unavailable", "The event could not be sent to "
                        + letter.topic() + " again; nothing was changed. Try again later.", 30);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            jdbc.update("UPDATE dead_letter_event SET replayed_at = ?, replayed_by = ? WHERE letter_id = ?", now, by,
                    id);
            // The audit line: who sent which event to which consumer again.
            LOG.info("Dead letter {} replayed by {}: event {} sent to {} again for {}", id, by, letter.eventId(),
                    letter.topic(), letter.consumer());
            return get(id);
        });
    }

    private Exception send(DeadLetter letter) {
        try {
            Exchange result = producer.send("kafka:" + letter.topic(), exchange -> {
                exchange.getMessage().setBody(letter.payload());
                exchange.getMessage().setHeader(KafkaConstants.KEY, letter.key());
                exchange.getMessage().setHeader("content-type", CloudEventMapper.STRUCTURED_CONTENT_TYPE);
            });
            return result.getException();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No dead letter " + id + ".");
    }

    private static DeadLetter letter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getObject("letter_id", UUID.class), rs.getString("consumer"), rs.getString("topic"),
                rs.getInt("kafka_partition"), rs.getLong("kafka_offset"), rs.getString("record_key"),
                rs.getString("event_id"), rs.getString("error"), rs.getObject("failed_at", OffsetDateTime.class),
                rs.getObject("replayed_at", OffsetDateTime.class), rs.getString("replayed_by"),
                rs.getString("payload"));
    }
}
