package io.oasis.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.common.IntegrationTest;
import io.oasis.common.correlation.TraceIds;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An outbox row records the trace and span it was written in, as the tracing bridge puts them in the MDC
 * while a span is in scope, and nulls when there is none.
 */
class OutboxTraceIdsTest extends IntegrationTest {

    @Autowired
    OutboxWriter outbox;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void clearMdc() {
        MDC.remove(TraceIds.TRACE_ID_KEY);
        MDC.remove(TraceIds.SPAN_ID_KEY);
    }

    @Test
    void anEventWrittenInASpanCarriesItsTraceAndSpanId() {
        MDC.put(TraceIds.TRACE_ID_KEY, "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put(TraceIds.SPAN_ID_KEY, "00f067aa0ba902b7");

        UUID eventId = write();

        assertThat(jdbc.queryForMap("SELECT trace_id, span_id FROM outbox_event WHERE event_id = ?", eventId))
                .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("span_id", "00f067aa0ba902b7");
    }

    @Test
    void anEventWrittenWithoutTracingHasNone() {
        UUID eventId = write();

        Map<String, Object> row = jdbc.queryForMap("SELECT trace_id, span_id FROM outbox_event WHERE event_id = ?",
                eventId);
        assertThat(row.get("trace_id")).isNull();
        assertThat(row.get("span_id")).isNull();
    }

    private UUID write() {
        return new TransactionTemplate(transactions).execute(status ->
                outbox.write("oasis.trace-test.events", UUID.randomUUID().toString(), "SampleTraced", Map.of("n", 1)));
    }
}
