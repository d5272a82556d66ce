package io.oasis.notification.api;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.util.UUID;

/**
 * Who may see and do what with notifications. Support agents and admins read every customer's; a customer
 * reads their own, and asking for anyone else's gets the same 404 as an id that does not exist.
 */
public final class NotificationAccess {

    public static final String CUSTOMER = "customer";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String ADMIN = "admin";
    /** Integration clients' service accounts: direct sends and webhook subscriptions. */
    public static final String INTEGRATION = "integration";

    private NotificationAccess() {
    }

    public static boolean isStaff(CurrentUser caller) {
        return caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT);
    }

    public static void requireAdmin(CurrentUser caller) {
        if (!caller.hasRole(ADMIN)) {
            throw new ForbiddenException("only admins may do this");
        }
    }

    public static void requireSender(CurrentUser caller) {
        if (!(caller.hasRole(ADMIN) || caller.hasRole(INTEGRATION))) {
            throw new ForbiddenException("only admins and integration clients send messages directly");
        }
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No notification " + id + ".");
    }
}
