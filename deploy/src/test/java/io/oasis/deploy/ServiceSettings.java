package io.oasis.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each service needs from a deployment, read from its own settings files (its application YAML and
 * the shared config/ files it imports), so the list is never kept by hand: every variable whose default
 * points at this machine ({@code localhost}) and every one marked {@code # required} (a secret or a
 * partner without which the service cannot do its work), plus the port it serves on.
 */
enum ServiceSettings {
    CUSTOMER("customer-service", "CUSTOMER_PORT"),
    ORDER("order-service", "ORDER_PORT"),
    NOTIFICATION("notification-service", "NOTIFICATION_PORT"),
    GATEWAY("api-gateway", "GATEWAY_PORT");

    /** ${NAME} or ${NAME:default}, the default up to the placeholder's closing brace (one level of nesting). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::((?:[^{}]|\\{[^{}]*})*))?}");

    private final String name;
    private final String portVariable;

    ServiceSettings(String name, String portVariable) {
        this.name = name;
        this.portVariable = portVariable;
    }

    String serviceName() {
        return name;
    }

    List<Path> files() {
        Path own = Repository.path("routes/" + name + "/src/main/resources/" + name + ".yml");
        return this == GATEWAY
                ? List.of(own, Repository.path("config/oasis.yml"), Repository.path("config/gateway.yml"))
                : List.of(own, Repository.path("config/oasis.yml"));
    }

    /** The variables a deployment of this service must set. */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        for (Path file : files()) {
            for (String line : lines(file)) {
                String setting = line.replaceFirst("\\s+#.*$", "");
                boolean marked = line.matches(".*#\\s*required\\b.*");
                Matcher placeholder = PLACEHOLDER.matcher(setting);
                while (placeholder.find()) {
                    String fallback = placeholder.group(2);
                    if (marked || fallback == null || fallback.contains("localhost")) {
                        required.add(placeholder.group(1));
                    }
                }
            }
        }
        return required;
    }

    /** The port the service serves its API and health on: the default of its port variable. */
    int port() {
        Pattern port = Pattern.compile("\\$\\{" + portVariable + ":(\\d+)}");
        for (Path file : files()) {
            for (String line : lines(file)) {
                Matcher matcher = port.matcher(line);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        throw new IllegalStateException(name + " reads no " + portVariable);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
