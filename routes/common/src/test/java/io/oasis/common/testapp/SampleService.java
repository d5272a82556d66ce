package io.oasis.common.testapp;

import java.util.Map;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.oasis.common.error.ConflictException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.error.PreconditionFailedException;
import io.oasis.common.outbox.OutboxWriter;

/** A business change plus its event, in one transaction. */
@Service
public class SampleService {

    private final JdbcTemplate jdbcTemplate;
    private final OutboxWriter outbox;

    public SampleService(JdbcTemplate jdbcTemplate, OutboxWriter outbox) {
        this.jdbcTemplate = jdbcTemplate;
        this.outbox = outbox;
    }

    @Transactional
    public Map<String, Object> create(NewSample request) {
        if ("taken".equals(request.name())) {
            throw new ConflictException("A sample named 'taken' exists already.");
        }
        UUID id = UUID.randomUUID();
        jdbcTemplate.update("INSERT INTO sample (id, name, version) VALUES (?, ?, 1)", id, request.name());
        outbox.write(CommonTestApplication.SAMPLE_TOPIC, id.toString(), "SampleCreated",
                Map.of("id", id.toString(), "name", request.name(), "quantity", request.quantity()));
        if ("explode-after-write".equals(request.name())) {
            throw new IllegalStateException("business rule failed after the outbox write");
        }
        return Map.of("id", id.toString(), "name", request.name());
    }

    public Map<String, Object> get(String id) {
        return jdbcTemplate.queryForList("SELECT id, name, version FROM sample WHERE id = ?", parse(id)).stream()
                .findFirst().orElseThrow(() -> new NotFoundException("No sample " + id + "."));
    }

    @Transactional
    public Map<String, Object> rename(@Header("id") String id, @Header("If-Match") String ifMatch, @Body String name) {
        Map<String, Object> sample = get(id);
        String etag = "\"" + sample.get("version") + "\"";
        if (!etag.equals(ifMatch)) {
            throw new PreconditionFailedException("The sample has changed; its current ETag is " + etag + ".");
        }
        jdbcTemplate.update("UPDATE sample SET name = ?, version = version + 1 WHERE id = ?", name, parse(id));
        return get(id);
    }

    public Object fail() {
        throw new IllegalStateException("database password is hunter2");
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No sample " + id + ".");
        }
    }
}
