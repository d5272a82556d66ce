package io.oasis.notification.delivery;

import io.oasis.common.error.NotFoundException;
import io.oasis.common.security.CurrentUser;
import java.util.Set;
import java.util.UUID;

/**
 * Who may see and do what with notifications. The delivery log holds two kinds of message:
 * <ul>
 * <li>messages to a person (e-mail, SMS, push): a customer reads their own; support agents, who help
 * customers, read every customer's; admins read all;</li>
 * <li>webhook deliveries to a partner's endpoint (its URL, subscription and connection errors): only the
 * subscription's owner (the integration client or admin that created it) and admins read them. Customers
 * and support agents never see them, even about the customer's own orders.</li>
 * </ul>
 * Asking for something one may not see gets the same 404 as an id that does not exist. Which roles may
 * call each operation is in the API's document, checked by each operation's route; this narrows it to the data.
 */
public final class NotificationAccess {

    public static final String CUSTOMER = "customer";
    public static final String SUPPORT_AGENT = "support-agent";
    public static final String ADMIN = "admin";
    /** Integration clients' service accounts: direct sends and webhook subscriptions. */
    public static final String INTEGRATION = "integration";

    /** The channels that reach a person, which customers and support agents see; webhooks are not among them. */
    public static final Set<Channel> PERSONAL_CHANNELS = Set.of(Channel.EMAIL, Channel.SMS, Channel.PUSH);

    private NotificationAccess() {
    }

    /** Admins see every delivery, webhooks included. */
    public static boolean seesEverything(CurrentUser caller) {
        return caller.hasRole(ADMIN);
    }

    public static boolean isStaff(CurrentUser caller) {
        return caller.hasRole(ADMIN) || caller.hasRole(SUPPORT_AGENT);
    }

    public static NotFoundException notFound(UUID id) {
        return new NotFoundException("No notification " + id + ".");
    }
}
