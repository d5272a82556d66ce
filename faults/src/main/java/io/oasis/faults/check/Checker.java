package io.oasis.faults.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
    public boolean awaitSettled(Set<UUID> acknowledged, Duration deadline) {
        try {
            Awaitility.await("the system settles").atMost(deadline).pollInterval(Duration.ofSeconds(3))
                    .ignoreExceptions().until(() -> settled(acknowledged));
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

    public Observations observe(Set<UUID> acknowledged) throws Exception {
        return new Observations(acknowledged, databases.orderStatuses(acknowledged),
                databases.statusChanges(acknowledged), orderEvents.readAll(Duration.ofMinutes(2)),
                mail.messageIds(mailboxes), partners.smsRequests(), databases.sentSms(),
                partners.webhookIds(webhookPath), partners.partnerCallKeys(), databases.stuck());
    }
}
