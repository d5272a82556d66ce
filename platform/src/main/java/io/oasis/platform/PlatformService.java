package io.oasis.platform;

import io.oasis.customer.CustomerServiceApplication;
import io.oasis.gateway.ApiGatewayApplication;
import io.oasis.notification.NotificationServiceApplication;
import io.oasis.order.OrderServiceApplication;

/**
 * The services the platform runs, in start order: the backends first, the public door last.
 * The environment variable names are the ones each service's {@code <name>.yml} reads, so the
 * launcher feeds a service exactly what a separate deployment would get from its environment.
 */
public enum PlatformService {

    CUSTOMER(CustomerServiceApplication.class, CustomerServiceApplication.NAME, "CUSTOMER_PORT", 8081,
            "CUSTOMER_DB", "CUSTOMER_SERVICE_URL"),
    ORDER(OrderServiceApplication.class, OrderServiceApplication.NAME, "ORDER_PORT", 8082,
            "ORDER_DB", "ORDER_SERVICE_URL"),
    NOTIFICATION(NotificationServiceApplication.class, NotificationServiceApplication.NAME, "NOTIFICATION_PORT", 8083,
            "NOTIFICATION_DB", "NOTIFICATION_SERVICE_URL"),
    GATEWAY(ApiGatewayApplication.class, ApiGatewayApplication.NAME, "GATEWAY_PORT", 8080,
            null, "GATEWAY_URL");

    private final Class<?> application;
    private final String serviceName;
    private final String portVariable;
    private final int defaultPort;
    private final String databaseVariablePrefix;
    private final String urlVariable;

    PlatformService(Class<?> application, String serviceName, String portVariable, int defaultPort,
                    String databaseVariablePrefix, String urlVariable) {
        this.application = application;
        this.serviceName = serviceName;
        this.portVariable = portVariable;
        this.defaultPort = defaultPort;
        this.databaseVariablePrefix = databaseVariablePrefix;
        this.urlVariable = urlVariable;
    }

    Class<?> application() {
        return application;
    }

    String serviceName() {
        return serviceName;
    }

    String portVariable() {
        return portVariable;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** The base URL variable other services use to call this one (see config/oasis.yml). */
    String urlVariable() {
        return urlVariable;
    }

    boolean hasDatabase() {
        return databaseVariablePrefix != null;
    }

    String databaseUrlVariable() {
        return databaseVariablePrefix + "_URL";
    }

    String databaseUserVariable() {
        return databaseVariablePrefix + "_USER";
    }

    String databasePasswordVariable() {
        return databaseVariablePrefix + "_PASSWORD";
    }

    /** Only the order service embeds the Camunda engine and its web apps. */
    boolean runsCamunda() {
        return this == ORDER;
    }
}
