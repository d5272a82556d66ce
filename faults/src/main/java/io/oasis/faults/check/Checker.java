package io.oasis.faults.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the faults healed: waits until the system has settled (every acknowledged order has reached an end, and
 * both outboxes are drained) or the settle deadline passed, then reads every place the workload's effects land.
 */
public final class Checker {

    private static final Logger LOG = LoggerFactory.getLogger(Checker.class);
    private static final Set<String> ENDS = Set.of("DELIVERED", "REJECTED", "CANCELLED");

    private final Databases databases;
    private final EventTopic orderEvents;
    private final MailCatcher mail;
    private final Partners partners;
    private final List<String> mailboxes;
    private final String webhookPath;
    private List<String> mailsBefore = List.of();
    private List<Observations.Sms> smsBefore = List.of();
    private List<Observations.Stuck> stuckBefore = List.of();

    public Checker(Databases databases, EventTopic orderEvents, MailCatcher mail, Partners partners,
            List<String> mailboxes, String webhookPath) {
        this.databases = databases;
        this.orderEvents = orderEvents;
        this.mail = mail;
        this.partners = partners;
        this.mailboxes = mailboxes;
        this.webhookPath = webhookPath;
    }

    /**
     * Polls until every order in {@code acknowledged} has ended and no event waits in an outbox.
     *
     * @return false when the deadline passed first (what is left over shows as lost or stuck)
     */
    public boolean awaitSettled(Supplier<Set<UUID>> acknowledged, Duration deadline) {
        try {
            Awaitility.await("the system settles").atMost(deadline).pollInterval(Duration.ofSeconds(3))
                    .ignoreExceptions().until(() -> settled(acknowledged.get()));
            return true;
        } catch (ConditionTimeoutException notInTime) {
            LOG.warn("Not settled within {}: the check counts what is left", deadline);
            return false;
        }
    }

    private boolean settled(Set<UUID> acknowledged) throws Exception {
        Map<UUID, String> statuses = databases.orderStatuses(acknowledged);
        long open = acknowledged.stream().filter(id -> !ENDS.contains(statuses.get(id))).count();
        int unpublished = databases.unpublishedEvents();
        LOG.info("Settling: {} of {} acknowledged orders not ended, {} events unpublished", open, acknowledged.size(),
                unpublished);
        return open == 0 && unpublished == 0;
    }

    /**
     * Notes what earlier runs left in the mailboxes, the SMS journal and the stuck items (an earlier scenario's
     * incidents on the same deployment), so that this run counts only its own.
     * (Events and partner calls are told apart by this run's order ids; webhooks go to a path of this run's.)
     */
    public void baseline() throws Exception {
        mailsBefore = mail.messageIds(mailboxes);
        smsBefore = partners.smsRequests();
        stuckBefore = databases.stuck();
    }

    public Observations observe(Set<UUID> acknowledged) throws Exception {
        Set<String> ours = acknowledged.stream().map(UUID::toString).collect(Collectors.toSet());
        List<Observations.PublishedEvent> events = orderEvents.readAll(Duration.ofMinutes(2)).stream()
                .filter(event -> ours.contains(event.aggregateId())).toList();
        List<String> partnerCalls = partners.partnerCallKeys().stream()
                .filter(key -> ours.stream().anyMatch(key::contains)).toList();
        return new Observations(acknowledged, databases.orderStatuses(acknowledged),
                databases.statusChanges(acknowledged), events, minus(mail.messageIds(mailboxes), mailsBefore),
                minus(partners.smsRequests(), smsBefore), databases.sentSms(), partners.webhookIds(webhookPath),
                partnerCalls, minus(databases.stuck(), stuckBefore));
    }

    /** {@code all} without one copy of each item of {@code before}: what arrived since. */
    static <T> List<T> minus(List<T> all, List<T> before) {
        List<T> since = new ArrayList<>(all);
        for (T seen : before) {
            since.remove(seen);
        }
        return since;
    }
}
