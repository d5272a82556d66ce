package io.oasis.customer.access;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import io.oasis.customer.profile.Customer;
import java.util.Objects;
import java.util.UUID;

/**
 * Who may do what with customer data. A customer sees only their own profile; asking for anyone
 * else's gets the same 404 as an id that does not exist, so ids cannot be probed.
 */
public final class CustomerAccess {

    public static final String CUSTOMER = "customer";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String ADMIN = "admin";

    private CustomerAccess() {
    }

    /** Reading a profile, its preferences or its history. */
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
        if (caller.hasRole(SUPPORT_AGENT)) {
            throw new ForbiddenException("support agents read customer profiles but do not change them");
        }
        throw notFound(customer.getId());
    }

    /** Adding a service-history entry: support agents and admins. */
    public static void requireAddHistory(CurrentUser caller, Customer customer) {
        if (caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT)) {
            return;
        }
        if (isOwner(caller, customer)) {
            throw new ForbiddenException("service history is written by support agents");
        }
        throw notFound(customer.getId());
    }

    /**
     * Exporting everything held about a customer: the customer themself, or an admin. Support agents help
     * callers with what they read, but do not take a person's whole record away.
     */
    public static void requireExport(CurrentUser caller, Customer customer) {
        if (caller.hasRole(ADMIN) || isOwner(caller, customer)) {
            return;
        }
        if (caller.hasRole(SUPPORT_AGENT)) {
            throw new ForbiddenException("support agents do not export customer data");
        }
        throw notFound(customer.getId());
    }

    /** Creating customers for others and listing them all. */
    public static void requireStaff(CurrentUser caller) {
        if (!(caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT))) {
            throw new ForbiddenException("only support agents and admins may do this");
        }
    }

    public static void requireAdmin(CurrentUser caller) {
        if (!caller.hasRole(ADMIN)) {
            throw new ForbiddenException("only admins may do this");
        }
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No customer " + id + ".");
    }

    private static boolean isOwner(CurrentUser caller, Customer customer) {
        return customer.getSubject() != null && Objects.equals(customer.getSubject(), caller.subject());
    }
}
