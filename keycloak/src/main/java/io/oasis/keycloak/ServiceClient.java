package io.oasis.keycloak;

import java.util.List;

/**
 * The confidential clients of the realm file, whose service accounts call the API with the client
 * credentials grant. The secrets are for local development only; real deployments set their own.
 */
public record ServiceClient(String clientId, String secret) {

    public static final ServiceClient ORDER_SERVICE = new ServiceClient("order-service", "dev-only-order-service-secret");
    public static final ServiceClient NOTIFICATION_SERVICE =
            new ServiceClient("notification-service", "dev-only-notification-service-secret");
    public static final ServiceClient CUSTOMER_SERVICE =
            new ServiceClient("customer-service", "dev-only-customer-service-secret");
    /** A partner system (a shop) calling the API; its service account has the customer and integration roles. */
    public static final ServiceClient INTEGRATION_DEMO =
            new ServiceClient("integration-demo", "dev-only-integration-demo-secret");

    public static List<ServiceClient> all() {
        return List.of(ORDER_SERVICE, NOTIFICATION_SERVICE, CUSTOMER_SERVICE, INTEGRATION_DEMO);
    }
}
