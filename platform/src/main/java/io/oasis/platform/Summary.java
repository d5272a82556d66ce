package io.oasis.platform;

import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The table printed once everything is up: where each part answers and who can log in. Pages are
 * tried first, so one that does not answer says so instead of looking like a working link.
 */
final class Summary {

    private final Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Summary(Platform platform) {
        this.platform = platform;
    }

    List<String> lines() {
        PlatformSettings settings = platform.settings();
        String gateway = platform.baseUrl(PlatformService.GATEWAY);
        String order = platform.baseUrl(PlatformService.ORDER);
        List<String[]> rows = new ArrayList<>();
        rows.add(row("Gateway (public API)", gateway + "/api/v1"));
        rows.add(row("  who am I (needs a token)", gateway + "/api/v1/me"));
        addProbed(rows, "  OpenAPI document", gateway + "/api/v1/openapi.json");
        addProbed(rows, "  Swagger UI", gateway + "/api/v1/docs");
        rows.add(row("  metrics (admin token, this host)", "http://127.0.0.1:" + settings.gatewayManagementPort()
                + "/actuator/prometheus"));
        for (PlatformService service : PlatformService.values()) {
            if (service != PlatformService.GATEWAY) {
                rows.add(row(service.serviceName(), platform.baseUrl(service) + "/actuator/health"));
            }
        }
        // Sign-in is Keycloak's (the demo users, password dev-only-<user>); each role opens its own app.
        addProbed(rows, "Camunda Cockpit", order + "/camunda/app/cockpit/");
        rows.add(row("  who", "designer (process-designer: read, deploy), admin"));
        addProbed(rows, "Camunda Tasklist", order + "/camunda/app/tasklist/");
        rows.add(row("  who", "manager (order-manager: review tasks), admin"));
        addProbed(rows, "Camunda Admin", order + "/camunda/app/admin/");
        rows.add(row("  who", "admin; sign in through Keycloak as a demo user (password dev-only-<user>)"));
        rows.add(row("Keycloak realm (issuer)", platform.issuerUri()));
        rows.add(row("  token endpoint", platform.tokenEndpoint()));
        if (platform.keycloakAdminConsoleUrl() != null) {
            rows.add(row("  admin console", platform.keycloakAdminConsoleUrl() + "  ("
                    + KeycloakServer.ADMIN_USERNAME + " / " + KeycloakServer.ADMIN_PASSWORD + ", dev only)"));
        }
        if (settings.embeddedMailbox()) {
            rows.add(row("Dev mailbox: SMTP", "localhost:" + settings.smtpPort() + " (services send here)"));
            rows.add(row("Dev mailbox: IMAP", "localhost:" + settings.imapPort()
                    + " (user = recipient address, any password)"));
        } else {
            rows.add(row("SMTP", settings.smtpHost()));
        }
        rows.add(row("Dev webhook inbox", platform.webhookInboxUrl() + " (POST deliveries here, GET to list them)"));
        rows.add(row("Dev partner sandbox", platform.partnerSandboxUrl() + " (warehouse, payments, carrier; GET lists calls)"));
        rows.add(row("Connectors (" + Platform.display(Platform.CONNECTORS.toAbsolutePath()) + ", live)",
                String.join(", ", platform.connectorNames())));
        rows.add(row("  catalog (designer token)", gateway + "/api/v1/connectors"));
        rows.add(row("  Modeler templates", Platform.display(Platform.ELEMENT_TEMPLATES.toAbsolutePath())));
        if (platform.zipkinUrl() != null) {
            addProbed(rows, "Zipkin (traces of every request)", platform.zipkinUrl());
            rows.add(row("  trace API", platform.zipkinApiUrl() + "/traces?serviceName=api-gateway"));
        }
        rows.add(row("Kafka bootstrap", platform.kafkaBootstrapServers()));
        rows.add(row("Data and logs", Platform.display(settings.dataDirectory())
                + " (JSON logs: " + Platform.display(settings.logDirectory().resolve("oasis.json")) + ")"));

        List<String> lines = new ArrayList<>(table(rows));
        if (settings.embeddedKeycloak()) {
            lines.add("");
            lines.add("  Demo users of realm " + KeycloakServer.REALM + " (dev-only passwords; public client "
                    + Tokens.CLI_CLIENT_ID + " allows the password grant):");
            List<String[]> users = new ArrayList<>();
            users.add(row("user", "password", "role"));
            for (DemoUser user : DemoUser.all()) {
                users.add(row(user.username(), user.password(), String.join(", ", user.roles())));
            }
            lines.addAll(table(users));
        }
        return lines;
    }

    /** A page the user should open: listed either way, with a note when it does not answer yet. */
    private void addProbed(List<String[]> rows, String what, String url) {
        int status = status(url);
        rows.add(row(what, status > 0 && status < 400 ? url : url + "  (answers " + (status > 0 ? status : "nothing") + " for now)"));
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static List<String> table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
