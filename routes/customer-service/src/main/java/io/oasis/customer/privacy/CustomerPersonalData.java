package io.oasis.customer.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.oasis.common.privacy.JsonRedaction;
import io.oasis.customer.profile.CustomerStatus;
import java.util.Set;

/** Which fields of the customer events are personal: what erasure removes from their stored copies. */
public final class CustomerPersonalData {

    /**
     * The personal fields of the customer events' payloads ({@code CustomerView}, the registration's
     * {@code subject}, the email confirmation's code); the id, status, country and preferences stay.
     */
    public static final Set<String> EVENT_FIELDS = Set.of("email", "givenName", "familyName", "phone", "subject",
            "code", "shippingAddress");

    private CustomerPersonalData() {
    }

    /**
     * An event payload without the person's data. An erasure event is left as it is: it holds only the
     * identifiers the other services need to erase (an erasure asked for again must not take the subject
     * out of one still waiting to be published).
     */
    public static JsonNode redact(JsonNode payload) {
        if (isErasure(payload)) {
            return payload;
        }
        return JsonRedaction.withoutFields(payload, EVENT_FIELDS);
    }

    private static boolean isErasure(JsonNode payload) {
        return payload.has("customerId") && !payload.has("customer") && !payload.has("preferences")
                && CustomerStatus.ERASED.name().equals(payload.path("status").asText());
    }
}
