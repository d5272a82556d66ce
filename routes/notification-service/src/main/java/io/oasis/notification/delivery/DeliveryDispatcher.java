package io.oasis.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.transport.Kind;
import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.tracing.TraceParents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.ExecutorServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due. Each poll claims due notifications in the database (so several nodes share the work
 * and a node that dies lets go of its claims), hands each to its channel's route on a sender thread, and
 * records the attempt: sent, or failed and due again on the channel's retry schedule, or failed for good.
 * A notification is written before anything is sent, so a crash at any point leaves it due, never lost.
 */
@Component
public class DeliveryDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 2000;
    static final String ONE_TIME_CONTENT_GONE = "not sent: the one-time code it carried has expired (or the message "
            + "was sent already); a new code must be asked for";

    private final NotificationRepository notifications;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProducerTemplate producer;
    private final DeliverySettings settings;
    private final List<DeliveryListener> listeners;
    private final List<SendWindow> windows;
    private final OneTimeContents oneTimeContents;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TraceParents traceParents;
    private final Semaphore freeSenders;
    private final ExecutorService senders;

    public DeliveryDispatcher(NotificationRepository notifications, JdbcTemplate jdbc, TransactionTemplate transactions,
            ProducerTemplate producer, DeliverySettings settings, List<DeliveryListener> listeners,
            List<SendWindow> windows, OneTimeContents oneTimeContents, MeterRegistry meters, Clock clock,
            CamelContext camel, TraceParents traceParents) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.settings = settings;
        this.listeners = listeners;
        this.windows = windows;
        this.oneTimeContents = oneTimeContents;
        this.meters = meters;
        this.clock = clock;
        this.traceParents = traceParents;
        this.freeSenders = new Semaphore(settings.senders());
        ExecutorServiceManager executors = camel.getExecutorServiceManager();
        this.senders = executors.newFixedThreadPool(this, "notification-sender", settings.senders());
    }

    /** Claims what is due, as far as sender threads are free, and starts sending it. */
    public void dispatchDue() {
        int free = Math.min(freeSenders.availablePermits(), settings.batchSize());
        if (free == 0) {
            return;
        }
        List<UUID> due = claimDue(free);
        for (UUID id : due) {
            freeSenders.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    send(id);
                } catch (RuntimeException e) {
                    // The claim runs out and another poll takes it again.
                    LOG.error("Notification {} could not be sent or recorded; it stays due", id, e);
                } finally {
                    freeSenders.release();
                }
            });
        }
    }

    /**
     * Takes up to {@code limit} due notifications for this node until the claim runs out. Rows another node
     * is taking at this moment are skipped ({@code SKIP LOCKED}); a claim whose node died runs out. Written
     * for PostgreSQL and the H2 of the all-in-one launcher alike.
     */
    private List<UUID> claimDue(int limit) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        return transactions.execute(status -> {
            List<UUID> due = jdbc.queryForList("""
                    SELECT id FROM notification
                    WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY next_attempt_at
                    FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED""".formatted(limit), UUID.class, at, at);
            Timestamp until = Timestamp.from(now.plus(settings.claimDuration()));
            jdbc.batchUpdate("UPDATE notification SET claimed_until = ? WHERE id = ?",
                    due.stream().map(id -> new Object[] { until, id }).toList());
            return due;
        });
    }

    /** One attempt at one claimed notification. */
    void send(UUID id) {
        Notification notification = notifications.findById(id).orElse(null);
        if (notification == null || notification.getStatus() != NotificationStatus.PENDING) {
            return;
        }
        String correlationId = notification.getCorrelationId();
        if (correlationId != null) {
            MDC.put(CorrelationId.MDC_KEY, correlationId);
        }
        try {
            Instant now = clock.instant();
            Optional<Instant> quietUntil = windows.stream()
                    .map(window -> window.quietUntil(notification, now))
                    .flatMap(Optional::stream).max(Instant::compareTo);
            if (quietUntil.isPresent()) {
                record(id, n -> n.deferUntil(quietUntil.get(), "deferred until the customer's quiet hours end",
                        clock.instant()));
                LOG.info("{} notification {} deferred to {} (quiet hours)", notification.getChannel(), id,
                        quietUntil.get());
                return;
            }
            // The attempt is a span of the trace that planned it; the channel route's spans nest in it.
            try (TraceParents.Step step = traceParents.resume(notification.getTraceparent(),
                    "deliver " + notification.getChannel().key(), Kind.PRODUCER, Map.of(
                            "oasis.notification.id", id.toString(),
                            "oasis.notification.channel", notification.getChannel().key(),
                            "oasis.notification.attempt", Integer.toString(notification.getAttemptCount() + 1)))) {
                attempt(notification, step);
            }
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private void attempt(Notification notification, TraceParents.Step step) {
        UUID id = notification.getId();
        Channel channel = notification.getChannel();
        int number = notification.getAttemptCount() + 1;
        Instant started = clock.instant();
        OutgoingMessage outgoing = notification.message(number);
        if (notification.isOneTime()) {
            // The stored text has the secret masked: send the kept one, or nothing if it is gone.
            Optional<OneTimeContents.Content> content = oneTimeContents.find(id, started);
            if (content.isEmpty()) {
                DeliveryAttempt none = new DeliveryAttempt(id, number, started, started, DeliveryAttempt.FAILED, null,
                        null, ONE_TIME_CONTENT_GONE);
                record(id, n -> n.failed(none, null, NotificationStatus.FAILED, started));
                LOG.warn("{} notification {} not sent: its one-time content has expired", channel, id);
                count(channel, "failed");
                return;
            }
            outgoing = outgoing.withText(content.get().subject(), content.get().text(), content.get().html());
        }
        OutgoingMessage toSend = outgoing;
        Exchange result = producer.send(channel.endpoint(),
                exchange -> {
                    exchange.getMessage().setBody(toSend);
                    if (notification.getCorrelationId() != null) {
                        exchange.getMessage().setHeader(CorrelationId.HEADER, notification.getCorrelationId());
                    }
                });
        Instant finished = clock.instant();
        Exception error = result.getException();
        if (error != null) {
            step.error(error);
        }
        String recipient = Recipients.mask(channel, notification.getRecipient());
        if (error == null) {
            String providerId = result.getMessage().getHeader(OutgoingMessage.PROVIDER_MESSAGE_ID, String.class);
            DeliveryAttempt attempt = new DeliveryAttempt(id, number, started, finished, DeliveryAttempt.SENT, null,
                    providerId, null);
            Notification sent = record(id, n -> n.sent(attempt, finished));
            forgetOneTimeContent(notification);
            LOG.info("Sent {} notification {} ({}) to {}, attempt {}", channel, id, notification.getEventType(),
                    recipient, number);
            count(channel, "sent");
            if (sent != null) {
                listeners.forEach(listener -> listener.sent(sent));
            }
            return;
        }
        DeliveryException failure = error instanceof DeliveryException known ? known
                : new DeliveryException(DeliveryException.Kind.TRANSIENT, describe(error), null, null, error);
        String message = truncate(failure.getMessage());
        DeliveryAttempt attempt = new DeliveryAttempt(id, number, started, finished, DeliveryAttempt.FAILED,
                failure.providerStatus(), null, message);
        Instant retryAt = failure.kind() == DeliveryException.Kind.TRANSIENT
                // Counted from the start of the current schedule: an admin's retry starts a fresh one.
                ? settings.nextAttempt(channel, notification.attemptsInSchedule() + 1, finished, failure.retryAfter())
                : null;
        NotificationStatus finalStatus = failure.kind() == DeliveryException.Kind.TRANSIENT ? NotificationStatus.DEAD
                : NotificationStatus.FAILED;
        Notification failed = record(id, n -> n.failed(attempt, retryAt, finalStatus, finished));
        if (retryAt != null) {
            LOG.warn("{} notification {} to {} failed (attempt {}): {}; next attempt at {}", channel, id, recipient,
                    number, message, retryAt);
            count(channel, "retried");
        } else {
            forgetOneTimeContent(notification);
            LOG.error("{} notification {} to {} is {} after attempt {}: {}", channel, id, recipient, finalStatus,
                    number, message);
            count(channel, finalStatus.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (failed != null) {
            listeners.forEach(listener -> listener.failed(failed, failure));
        }
    }

    /** Once a message with a one-time secret is sent or has failed for good, the secret goes. */
    private void forgetOneTimeContent(Notification notification) {
        if (notification.isOneTime()) {
            oneTimeContents.forget(notification.getId());
        }
    }

    /** Applies a change to the notification in its own transaction; null if an admin changed it meanwhile. */
    private Notification record(UUID id, java.util.function.Consumer<Notification> change) {
        try {
            return transactions.execute(status -> {
                Notification fresh = notifications.findById(id).orElseThrow();
                change.accept(fresh);
                return notifications.save(fresh);
            });
        } catch (ObjectOptimisticLockingFailureException e) {
            LOG.warn("Notification {} changed while it was being sent; the attempt was not recorded", id);
            return null;
        }
    }

    private void count(Channel channel, String outcome) {
        meters.counter("oasis.notifications", "channel", channel.key(), "outcome", outcome).increment();
    }

    private static String describe(Exception error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == error ? text : error.getClass().getSimpleName() + " (" + text + ")";
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "...";
    }
}
