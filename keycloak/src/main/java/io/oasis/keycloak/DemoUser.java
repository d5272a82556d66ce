package io.oasis.keycloak;

import java.util.List;

/**
 * The demo users of the realm file, one per role. Their passwords are for local development only:
 * the realm file that holds them must never be imported into a shared or production Keycloak.
 */
public record DemoUser(String username, String password, String role) {

    public static final DemoUser CUSTOMER = new DemoUser("customer", "dev-only-customer", "customer");
    /** A second customer, to check that one customer cannot see another's data. */
    public static final DemoUser CUSTOMER2 = new DemoUser("customer2", "dev-only-customer2", "customer");
    public static final DemoUser SUPPORT = new DemoUser("support", "dev-only-support", "support-agent");
    /** Gets order-manager through the group {@code order-managers}, which Camunda user tasks use. */
    public static final DemoUser MANAGER = new DemoUser("manager", "dev-only-manager", "order-manager");
    public static final DemoUser DESIGNER = new DemoUser("designer", "dev-only-designer", "process-designer");
    public static final DemoUser ADMIN = new DemoUser("admin", "dev-only-admin", "admin");

    public static List<DemoUser> all() {
        return List.of(CUSTOMER, CUSTOMER2, SUPPORT, MANAGER, DESIGNER, ADMIN);
    }
}
