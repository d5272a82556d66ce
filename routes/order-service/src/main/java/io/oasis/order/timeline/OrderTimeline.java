package io.oasis.order.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.tracing.TraceParents;
import io.oasis.order.order.Order;
import io.oasis.order.order.OrderAccess;
import io.oasis.order.order.OwnCustomer;
import io.oasis.order.order.OrderRepository;
import io.oasis.order.order.StatusChange;
import io.oasis.order.timeline.TimelineEntry.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order's story in one list, in time order: its status changes (the order's history), the BPMN
 * activities its process entered and left with the process version (Camunda's history), its events for
 * Kafka (the outbox), the messages to the customer with each delivery attempt (asked of the notification
 * service), and, for staff, incidents. It is what support opens when a customer calls.
 *
 * <p>The order service composes it, not the gateway: it already owns the order and decides who may read
 * it, it holds three of the four sources, and the fourth is found by the ids of the order's own events.
 */
@Service
public class OrderTimeline {

    private final OrderRepository orders;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;
    private final EventMessages messages;
    private final TransactionTemplate tx;

    public OrderTimeline(OrderRepository orders, HistoryService history, RuntimeService runtime, JdbcTemplate jdbc,
            EventMessages messages, TransactionTemplate tx) {
        this.orders = orders;
        this.history = history;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.messages = messages;
        this.tx = tx;
    }

    /** The timeline of an order the caller may read; otherwise the same 404 as the order itself. */
    public TimelineView of(UUID id, CurrentUser caller, OwnCustomer own) {
        List<TimelineEntry> entries = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            Order order = orders.findById(id).orElseThrow(() -> OrderAccess.notFound(id));
            OrderAccess.requireRead(caller, order, own);
            statusChanges(order, entries);
            process(id.toString(), OrderAccess.isStaff(caller), entries);
            events(id.toString(), entries, eventIds);
        });
        // Outside the transaction: no connection is held while the other service answers.
        List<String> unavailable = new ArrayList<>();
        Optional<JsonNode> sent = messages.forEvents(eventIds);
        sent.ifPresentOrElse(found -> notifications(found, entries), () -> unavailable.add(TimelineView.NOTIFICATIONS));
        // A stable sort: entries of the same instant keep the order in which they were added.
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return new TimelineView(id, List.copyOf(entries), List.copyOf(unavailable));
    }

    private static void statusChanges(Order order, List<TimelineEntry> entries) {
        for (StatusChange change : order.getHistory()) {
            entries.add(TimelineEntry.statusChanged(change.getChangedAt(),
                    change.getFrom() == null ? null : change.getFrom().name(), change.getTo().name(), change.getReason(),
                    change.getActor(), change.getTraceId(), change.getSpanId()));
        }
    }

    private void process(String businessKey, boolean staff, List<TimelineEntry> entries) {
        for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey).list()) {
            String key = instance.getProcessDefinitionKey();
            Integer version = instance.getProcessDefinitionVersion();
            for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                    .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list()) {
                entries.add(TimelineEntry.activity(instant(activity.getStartTime()), Kind.ACTIVITY_STARTED,
                        activity.getActivityId(), activity.getActivityName(), activity.getActivityType(), key, version,
                        null));
                if (activity.getEndTime() != null) {
                    entries.add(TimelineEntry.activity(instant(activity.getEndTime()), Kind.ACTIVITY_ENDED,
                            activity.getActivityId(), activity.getActivityName(), activity.getActivityType(), key,
                            version, activity.isCanceled() ? Boolean.TRUE : null));
                }
            }
            if (staff) {
                incidents(instance.getId(), key, version, entries);
            }
        }
    }

    /**
     * Incidents from history where the engine keeps them (history level full), and the open ones from the
     * runtime, which every level has; the engine's messages are for staff, as on the order itself.
     */
    private void incidents(String processInstanceId, String key, Integer version, List<TimelineEntry> entries) {
        Set<String> seen = new HashSet<>();
        for (HistoricIncident incident : history.createHistoricIncidentQuery().processInstanceId(processInstanceId)
                .list()) {
            seen.add(incident.getId());
            entries.add(TimelineEntry.incident(instant(incident.getCreateTime()), Kind.INCIDENT_OPENED,
                    incident.getActivityId(), key, version, incident.getIncidentMessage()));
            if (incident.isResolved() && incident.getEndTime() != null) {
                entries.add(TimelineEntry.incident(instant(incident.getEndTime()), Kind.INCIDENT_RESOLVED,
                        incident.getActivityId(), key, version, null));
            }
        }
        for (Incident incident : runtime.createIncidentQuery().processInstanceId(processInstanceId).list()) {
            if (seen.add(incident.getId())) {
                entries.add(TimelineEntry.incident(instant(incident.getIncidentTimestamp()), Kind.INCIDENT_OPENED,
                        incident.getActivityId(), key, version, incident.getIncidentMessage()));
            }
        }
    }

    private void events(String orderId, List<TimelineEntry> entries, List<String> eventIds) {
        jdbc.query("SELECT event_id, event_type, created_at, published_at, traceparent FROM outbox_event "
                + "WHERE aggregate_id = ? ORDER BY seq", (ResultSet rs) -> {
                    String eventId = rs.getString("event_id");
                    eventIds.add(eventId);
                    Instant published = instant(rs, "published_at");
                    String traceparent = rs.getString("traceparent");
                    entries.add(TimelineEntry.event(published != null ? published : instant(rs, "created_at"),
                            published != null ? Kind.EVENT_PUBLISHED : Kind.EVENT_PENDING, eventId,
                            rs.getString("event_type"), published, TraceParents.traceId(traceparent),
                            TraceParents.spanId(traceparent)));
                }, orderId);
    }

    private static void notifications(JsonNode found, List<TimelineEntry> entries) {
        for (JsonNode message : found) {
            String id = message.path("id").asText();
            String channel = message.path("channel").asText();
            String eventType = message.path("eventType").asText();
            entries.add(TimelineEntry.notification(Instant.parse(message.path("createdAt").asText()),
                    message.path("eventId").asText(), eventType, id, channel, message.path("status").asText(),
                    text(message, "statusReason")));
            for (JsonNode attempt : message.path("attempts")) {
                entries.add(TimelineEntry.deliveryAttempt(Instant.parse(attempt.path("startedAt").asText()), eventType,
                        id, channel, attempt.path("number").asInt(), attempt.path("outcome").asText(),
                        attempt.hasNonNull("providerStatus") ? attempt.path("providerStatus").asInt() : null,
                        text(attempt, "error"), text(attempt, "traceId"), text(attempt, "spanId")));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
