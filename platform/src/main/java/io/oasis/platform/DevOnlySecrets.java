package io.oasis.platform;

import java.util.Map;

/**
 * DEV ONLY. The secrets the services read from their environment, with values that are public in
 * this repository and fit only a local machine: the realm's client secrets (keycloak/realm), the
 * shared secrets of the signed provider callbacks.
 * A deployment sets its own; the services have no defaults for any of them.
 */
final class DevOnlySecrets {

    static final String PAYMENT_WEBHOOK_SECRET = "dev-only-payment-webhook-secret";
    static final String CARRIER_CALLBACK_SECRET = "dev-only-carrier-callback-secret";
    /** The payment provider's API key, which the dev partner sandbox expects and refund-payment sends. */
    static final String PAYMENT_PROVIDER_API_KEY = "dev-only-payment-provider-api-key";

    private DevOnlySecrets() {
    }

    static Map<String, Object> of(PlatformService service) {
        return switch (service) {
            case ORDER -> Map.of(
                    "ORDER_CLIENT_SECRET", "dev-only-order-service-secret",
                    "ORDER_PAYMENT_WEBHOOK_SECRET", PAYMENT_WEBHOOK_SECRET,
                    "ORDER_CARRIER_CALLBACK_SECRET", CARRIER_CALLBACK_SECRET,
                    // The realm's client through which people sign in to Cockpit, Tasklist and Admin.
                    "CAMUNDA_WEBAPPS_CLIENT_SECRET", "dev-only-camunda-webapps-secret",
                    "camel.kamelet.refund-payment.apiKey", PAYMENT_PROVIDER_API_KEY);
            case NOTIFICATION -> Map.of("NOTIFICATION_CLIENT_SECRET", "dev-only-notification-service-secret");
            case CUSTOMER -> Map.of("CUSTOMER_CLIENT_SECRET", "dev-only-customer-service-secret");
            default -> Map.of();
        };
    }
}
