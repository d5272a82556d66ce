package io.oasis.customer.profile;

import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.util.Objects;
import java.util.UUID;

/**
 * Whose customer data a caller may see and change. Which roles may call each operation is in the API's
 * document and checked by each operation's route; this narrows it to the data: a customer reaches only
 * their own profile, and asking for anyone else's gets the same 404 as an id that does not exist, so
 * ids cannot be probed.
 */
public final class CustomerAccess {

    public static final String CUSTOMER = "customer";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String ADMIN = "admin";

    private CustomerAccess() {
    }

    /** Reading a profile, its preferences or its history: staff read every one, a customer their own. */
    public static void requireRead(CurrentUser caller, Customer customer) {
        if (caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT) || isOwner(caller, customer)) {
            return;
        }
        throw notFound(customer.getId());
    }

    /** Changing a profile or its preferences: the owner, or an admin. */
    public static void requireEdit(CurrentUser caller, Customer customer) {
        if (caller.hasRole(ADMIN) || isOwner(caller, customer)) {
            return;
        }
        throw notFound(customer.getId());
    }

    /** Exporting everything held about a customer: the customer themself, or an admin. */
    public static void requireExport(CurrentUser caller, Customer customer) {
        requireEdit(caller, customer);
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No customer " + id + ".");
    }

    private static boolean isOwner(CurrentUser caller, Customer customer) {
        return customer.getSubject() != null && Objects.equals(customer.getSubject(), caller.subject());
    }
}
