package io.oasis.keycloak;

import java.util.List;
import java.util.stream.Stream;

/**
 * The demo users of the realm file, one per role. Their passwords are for local development only:
 * the realm file that holds them must never be imported into a shared or production Keycloak.
 */
public record DemoUser(String username, String password, String role, List<String> moreRoles) {

    /** The role of staff who place orders for a customer; the demo support agent has it besides their own. */
    public static final String ORDER_ON_BEHALF = "order-on-behalf";

    public DemoUser(String username, String password, String role) {
        this(username, password, role, List.of());
    }

    public static final DemoUser CUSTOMER = new DemoUser("customer", "dev-only-customer", "customer");
    /** A second customer, to check that one customer cannot see another's data. */
    public static final DemoUser CUSTOMER2 = new DemoUser("customer2", "dev-only-customer2", "customer");
    /** Also places and cancels orders for customers: role {@link #ORDER_ON_BEHALF}. */
    public static final DemoUser SUPPORT = new DemoUser("support", "dev-only-support", "support-agent",
            List.of(ORDER_ON_BEHALF));
    /** Gets order-manager through the group {@code order-managers}, which Camunda user tasks use. */
    public static final DemoUser MANAGER = new DemoUser("manager", "dev-only-manager", "order-manager");
    public static final DemoUser DESIGNER = new DemoUser("designer", "dev-only-designer", "process-designer");
    public static final DemoUser ADMIN = new DemoUser("admin", "dev-only-admin", "admin");

    /** Every realm role the user has: {@link #role()} first, then {@link #moreRoles()}. */
    public List<String> roles() {
        return Stream.concat(Stream.of(role), moreRoles.stream()).toList();
    }

    public static List<DemoUser> all() {
        return List.of(CUSTOMER, CUSTOMER2, SUPPORT, MANAGER, DESIGNER, ADMIN);
    }
}
