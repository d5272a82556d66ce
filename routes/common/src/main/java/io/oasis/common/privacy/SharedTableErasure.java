package io.oasis.common.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person from the tables of the shared kernel that every service has, in the caller's
 * transaction (the service's own erasure):
 * <ul>
 * <li>{@code outbox_event}: the payload of each event about the person (it names their customer id or
 * a contact value) is rewritten by the service's redaction, published or not, so neither the table nor
 * a late publication carries their data;</li>
 * <li>{@code idempotency_key}: the stored answers about the person, keys naming them, and the keys
 * scoped by their subject, are deleted (a client repeating such a request after the erasure makes a new one);</li>
 * <li>{@code dead_letter_event}: records keyed by or naming the person are deleted.</li>
 * </ul>
 * A row is found by searching its text for the person's markers (case-insensitively): a scan of these
 * tables, which erasures, being rare, can afford.
 */
public class SharedTableErasure {

    /** How many rows each table had about the person. */
    public record Outcome(int outboxPayloadsRedacted, int idempotencyKeysDeleted, int deadLettersDeleted) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public SharedTableErasure(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param redaction turns an event payload about the person into one without their data (the service
     *                  knows which of its fields are personal, e.g. with {@link JsonRedaction})
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome erase(ErasedPerson person, UnaryOperator<JsonNode> redaction) {
        List<String> markers = person.markers();
        int redacted = redactOutbox(person, markers, redaction);

        // A client may build its keys from the person's contact data (an address, say): keys are searched too.
        List<Object> keyArguments = new ArrayList<>(patterns(markers));
        String byKey = "";
        if (!person.contactValues().isEmpty()) {
            byKey = " OR " + containsAny("idem_key", person.contactValues().size());
            keyArguments.addAll(patterns(person.contactValues()));
        }
        String byScope = "";
        if (person.subject() != null) {
            byScope = " OR scope LIKE ? ESCAPE '\\'";
            keyArguments.add("%:" + escapeLike(person.subject()));
        }
        int keys = jdbc.update("DELETE FROM idempotency_key WHERE " + containsAny("response_body", markers.size())
                + byKey + byScope, keyArguments.toArray());

        List<Object> deadArguments = new ArrayList<>();
        deadArguments.add(person.customerId().toString());
        deadArguments.addAll(patterns(markers));
        int dead = jdbc.update("DELETE FROM dead_letter_event WHERE record_key = ? OR "
                + containsAny("payload", markers.size()), deadArguments.toArray());
        return new Outcome(redacted, keys, dead);
    }

    private int redactOutbox(ErasedPerson person, List<String> markers, UnaryOperator<JsonNode> redaction) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(person.customerId().toString());
        arguments.addAll(patterns(markers));
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT seq, payload FROM outbox_event WHERE aggregate_id = ? OR "
                + containsAny("payload", markers.size()), arguments.toArray());
        int redacted = 0;
        for (Map<String, Object> row : rows) {
            String payload = String.valueOf(row.get("payload"));
            String rewritten = rewrite(payload, redaction);
            if (!rewritten.equals(payload)) {
                jdbc.update("UPDATE outbox_event SET payload = ? WHERE seq = ?", rewritten, row.get("seq"));
                redacted++;
            }
        }
        return redacted;
    }

    private String rewrite(String payload, UnaryOperator<JsonNode> redaction) {
        try {
            JsonNode before = json.readTree(payload);
            JsonNode after = redaction.apply(before);
            return after.equals(before) ? payload : json.writeValueAsString(after);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox payload is not JSON and cannot be redacted", e);
        }
    }

    /** {@code (LOWER(column) LIKE ? ESCAPE '\' OR ...)}, one per marker: portable to PostgreSQL and H2. */
    private static String containsAny(String column, int markers) {
        return "(" + IntStream.range(0, markers)
                .mapToObj(i -> "LOWER(" + column + ") LIKE ? ESCAPE '\\'")
                .collect(Collectors.joining(" OR ")) + ")";
    }

    private static List<String> patterns(List<String> markers) {
        return markers.stream().map(marker -> "%" + escapeLike(marker.toLowerCase(Locale.ROOT)) + "%").toList();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
