package io.oasis.order.order;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The customer profile that is the caller's own, as the customer service knows it (from the caller's token).
 * Looked up only when an access check needs it, at most once per request: a customer reading an order they
 * placed themselves needs no lookup; one placed for them by staff, or their list, does.
 */
@FunctionalInterface
public interface OwnCustomer {

    /** Staff, service accounts and tests that need no lookup: no profile is theirs. */
    OwnCustomer NONE = Optional::empty;

    /** The caller's customer id; empty if they have no profile. */
    Optional<UUID> id();

    /** The lookup, run on first use and remembered for the rest of the request. */
    static OwnCustomer lookedUpBy(Supplier<Optional<UUID>> lookup) {
        return new OwnCustomer() {
            private Optional<UUID> known;

            @Override
            public synchronized Optional<UUID> id() {
                if (known == null) {
                    known = lookup.get();
                }
                return known;
            }
        };
    }
}
