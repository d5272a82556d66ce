package io.oasis.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.privacy.JsonRedaction;
import java.util.Set;

/** Which fields of the customer events are personal: what erasure removes from their stored copies. */
public final class CustomerPersonalData {

    /**
     * The personal fields of the customer events' payloads ({@code CustomerView}, the registration's
     * {@code subject}); the id, status, country and preferences stay.
     */
    public static final Set<String> EVENT_FIELDS = Set.of("email", "givenName", "familyName", "phone", "subject");

    private CustomerPersonalData() {
    }

    /** An event payload without the person's data. */
    public static JsonNode redact(JsonNode payload) {
        return JsonRedaction.withoutFields(payload, EVENT_FIELDS);
    }
}
