package io.oasis.notification.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.privacy.JsonRedaction;
import java.util.Set;

/**
 * The personal fields of the events this service copies into webhook payloads: the customer events'
 * contact fields, shipping address and sign-in subject, the order's shipping address, and the text people
 * wrote on order events. Ids, amounts and
 * statuses stay, so a partner still learns what happened to an order.
 */
public final class NotificationPersonalData {

    public static final Set<String> EVENT_FIELDS = Set.of("email", "givenName", "familyName", "phone",
            "shippingAddress", "subject", "reason", "actor");

    private NotificationPersonalData() {
    }

    /** A stored event copy (a webhook body, an outbox payload) without the person's data. */
    public static JsonNode redact(JsonNode json) {
        return JsonRedaction.withoutFields(json, EVENT_FIELDS);
    }
}
