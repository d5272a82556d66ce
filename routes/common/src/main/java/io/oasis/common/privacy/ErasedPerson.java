package io.oasis.common.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A person being erased, as the shared tables can recognise them: by customer id, by the sign-in
 * subject (idempotency keys are scoped by it), and by the contact values their rows may hold in text
 * (e-mail address, phone number).
 *
 * @param customerId    the customer id, which every event and response about the person carries
 * @param subject       the Keycloak subject of a self-registered customer, or null
 * @param contactValues e-mail address, phone number; nulls and blanks are ignored
 */
public record ErasedPerson(UUID customerId, String subject, List<String> contactValues) {

    public ErasedPerson {
        Objects.requireNonNull(customerId, "customerId");
        contactValues = contactValues == null ? List.of()
                : contactValues.stream().filter(Objects::nonNull).filter(value -> !value.isBlank()).toList();
    }

    /** The texts whose presence in a row marks it as this person's: the customer id and the contact values. */
    public List<String> markers() {
        List<String> markers = new ArrayList<>();
        markers.add(customerId.toString());
        markers.addAll(contactValues);
        return markers;
    }
}
