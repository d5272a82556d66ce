package io.oasis.faults.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the deployment under test answers: the {@code KEY=VALUE} lines that {@code faults/deployment.sh up} writes
 * to {@code faults/target/deployment.env}. A variable of the process environment with the same name wins, so one
 * setting can be changed for a run without editing the file.
 */
public final class Deployment {

    private final Map<String, String> values;

    private Deployment(Map<String, String> values) {
        this.values = values;
    }

    public static Deployment read(Path envFile) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(envFile)) {
                String trimmed = line.trim();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 1) {
                    continue;
                }
                values.put(trimmed.substring(0, equals).trim(), unquote(trimmed.substring(equals + 1).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the deployment's settings from " + envFile
                    + ": is the deployment up (faults/deployment.sh up)?", e);
        }
        values.putAll(System.getenv());
        return new Deployment(values);
    }

    public static Deployment of(Map<String, String> values) {
        return new Deployment(new LinkedHashMap<>(values));
    }

    /** These settings with some replaced (a run's arguments). */
    public Deployment with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Deployment(merged);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The deployment's settings have no " + key);
        }
        return value;
    }

    public String get(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    public List<String> gateways() {
        return Arrays.stream(get("FAULTS_GATEWAY_URLS").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
    }

    public String tokenEndpoint() {
        return get("FAULTS_KEYCLOAK_URL") + "/realms/oasis/protocol/openid-connect/token";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + get("FAULTS_POSTGRES_HOST", "127.0.0.1") + ":"
                + get("FAULTS_POSTGRES_PORT", "25432") + "/" + database;
    }

    /** The order service's database; {@code FAULTS_ORDER_DB_URL} points elsewhere. */
    public String orderDatabaseUrl() {
        return get("FAULTS_ORDER_DB_URL", jdbcUrl("oasis_order"));
    }

    /** The notification service's database; {@code FAULTS_NOTIFICATION_DB_URL} points elsewhere. */
    public String notificationDatabaseUrl() {
        return get("FAULTS_NOTIFICATION_DB_URL", jdbcUrl("oasis_notification"));
    }

    public String postgresUser() {
        return get("FAULTS_POSTGRES_USER", "postgres");
    }

    public String postgresPassword() {
        return get("FAULTS_POSTGRES_PASSWORD", "");
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
