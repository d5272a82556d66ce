package io.oasis.faults.check;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the checker saw after a run settled, from every place an effect of the workload lands: the orders the
 * gateways acknowledged (the history), the order database, the events on the topic, the mails in the mail
 * catcher, the SMS and webhooks the partners' stand-in received, and whatever is stuck.
 *
 * @param acknowledged     orders whose creation was answered 2xx
 * @param orderStatus      each order's status in the order database
 * @param statusChanges    the order database's status history, one entry per row
 * @param events           every record read from the order events topic, from its beginning
 * @param mailIds          the Message-ID of every mail in the catcher's mailboxes, one entry per mail
 * @param smsRequests      every SMS the provider's stand-in was asked to send
 * @param smsNotifications the SMS the delivery log says were sent, one entry per notification
 * @param webhookIds       the {@code webhook-id} of every webhook the receiver got, one entry per request
 * @param partnerCallKeys  the {@code Idempotency-Key} of every warehouse reservation and carrier booking the
 *                         partners got: a job run twice (a frozen node's late work) calls them twice
 * @param stuck            what is left undone after the settle time: incidents, dead letters, unsent events and
 *                         deliveries not retried
 */
public record Observations(Set<UUID> acknowledged, Map<UUID, String> orderStatus, List<StatusChange> statusChanges,
        List<PublishedEvent> events, List<String> mailIds, List<Sms> smsRequests, List<Sms> smsNotifications,
        List<String> webhookIds, List<String> partnerCallKeys, List<Stuck> stuck) {

    /** The status an order ends in when its whole lifecycle ran. */
    public static final String COMPLETED = "DELIVERED";

    /** A row of {@code order_status_change}. */
    public record StatusChange(UUID orderId, String toStatus) {
    }

    /** A CloudEvent read from the topic: its id, its aggregate (the record key) and its type. */
    public record PublishedEvent(String eventId, String aggregateId, String type) {
    }

    /** An SMS: to whom, saying what. */
    public record Sms(String to, String body) {
    }

    /** Something that needs a person: an incident, a dead letter, an event never published, a delivery given up. */
    public record Stuck(String kind, String detail) {
    }
}
