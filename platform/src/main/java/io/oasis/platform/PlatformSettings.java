package io.oasis.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the platform starts and where. Each embedded default (Kafka, H2, GreenMail, Keycloak)
 * is replaced by the real thing when its environment variable is set; a {@code null} here
 * means "start the embedded one".
 *
 * @param dataDirectory          H2 files, Keycloak's dev database and the logs; kept between starts
 * @param servicePorts           HTTP port of each service
 * @param kafkaBootstrapServers  an existing Kafka cluster, or {@code null} for the embedded broker
 * @param issuerUri              an existing Keycloak realm, or {@code null} to start Keycloak here
 * @param smtpHost               an existing SMTP server, or {@code null} for the GreenMail dev mailbox
 * @param databaseUrls           services whose JDBC URL is given (PostgreSQL); the others get H2
 * @param webhookInboxPort       the dev webhook inbox, a local receiver for webhook subscriptions
 * @param gatewayManagementPort  the gateway's actuator, on loopback (its health is on the public port too)
 * @param partnerSandbox         the dev partner sandbox (warehouse, payment provider, carrier) the connectors call
 * @param zipkinPort             the launcher's Zipkin (traces), on loopback
 * @param tracingEndpoint        where a deployment's traces go (OTLP or Zipkin, named by the variable the services
 *                               read too), or {@code null} for the launcher's own Zipkin
 */
public record PlatformSettings(
        Path dataDirectory,
        Map<PlatformService, Integer> servicePorts,
        int kafkaPort,
        int smtpPort,
        int imapPort,
        int keycloakPort,
        String kafkaBootstrapServers,
        String issuerUri,
        String smtpHost,
        Map<PlatformService, String> databaseUrls,
        Duration keycloakStartupTimeout,
        int webhookInboxPort,
        int gatewayManagementPort,
        PartnerSandbox partnerSandbox,
        int zipkinPort,
        String tracingEndpoint) {

    /**
     * @param port          where it listens (loopback)
     * @param failureRate   the share of calls answered 503, 0 to 1
     * @param outOfStockSku the SKU the warehouse never has
     */
    public record PartnerSandbox(int port, double failureRate, String outOfStockSku) {

        static final int PORT = 8091;

        static PartnerSandbox fromEnvironment(Map<String, String> env) {
            String rate = env.get("PARTNER_SANDBOX_FAILURE_RATE");
            String sku = env.get("PARTNER_SANDBOX_OUT_OF_STOCK_SKU");
            return new PartnerSandbox(intOrDefault(env.get("PARTNER_SANDBOX_PORT"), PORT),
                    isSet(rate) ? Double.parseDouble(rate.trim()) : 0.0, isSet(sku) ? sku.trim() : "SOLD-OUT");
        }

        PartnerSandbox withPort(int newPort) {
            return new PartnerSandbox(newPort, failureRate, outOfStockSku);
        }
    }

    static final int KAFKA_PORT = 9092;
    static final int SMTP_PORT = 3025;
    static final int IMAP_PORT = 3143;
    static final int KEYCLOAK_PORT = 8180;
    static final int WEBHOOK_INBOX_PORT = 8089;
    static final int GATEWAY_MANAGEMENT_PORT = 8090;
    static final int ZIPKIN_PORT = 9411;
    /** Set either, and the services send their traces there instead of to the launcher's Zipkin. */
    static final String OTLP_TRACING_ENDPOINT = "MANAGEMENT_OTLP_TRACING_ENDPOINT";
    static final String ZIPKIN_TRACING_ENDPOINT = "MANAGEMENT_ZIPKIN_TRACING_ENDPOINT";

    public PlatformSettings {
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        databaseUrls = Map.copyOf(databaseUrls);
    }

    /** The settings a user gets: the defaults, overridden by the same variables the services read. */
    public static PlatformSettings fromEnvironment(Map<String, String> env) {
        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        Map<PlatformService, String> databaseUrls = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, intOrDefault(env.get(service.portVariable()), service.defaultPort()));
            if (service.hasDatabase() && isSet(env.get(service.databaseUrlVariable()))) {
                databaseUrls.put(service, env.get(service.databaseUrlVariable()));
            }
        }
        return new PlatformSettings(
                Path.of(isSet(env.get("OASIS_DATA_DIR")) ? env.get("OASIS_DATA_DIR") : "data"),
                ports,
                KAFKA_PORT,
                SMTP_PORT,
                IMAP_PORT,
                intOrDefault(env.get("KEYCLOAK_PORT"), KEYCLOAK_PORT),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("OASIS_ISSUER_URI")),
                blankToNull(env.get("SMTP_HOST")),
                databaseUrls,
                Duration.ofMinutes(5),
                intOrDefault(env.get("WEBHOOK_INBOX_PORT"), WEBHOOK_INBOX_PORT),
                intOrDefault(env.get("GATEWAY_MANAGEMENT_PORT"), GATEWAY_MANAGEMENT_PORT),
                PartnerSandbox.fromEnvironment(env),
                intOrDefault(env.get("ZIPKIN_PORT"), ZIPKIN_PORT),
                blankToNull(isSet(env.get(OTLP_TRACING_ENDPOINT)) ? env.get(OTLP_TRACING_ENDPOINT)
                        : env.get(ZIPKIN_TRACING_ENDPOINT)));
    }

    /** The same platform on ports nobody else holds: for tests that run next to a started launcher. */
    public PlatformSettings withFreePorts() {
        Set<Integer> taken = new HashSet<>();
        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, freePort(taken));
        }
        return new PlatformSettings(dataDirectory, ports, freePort(taken), freePort(taken), freePort(taken),
                freePort(taken), kafkaBootstrapServers, issuerUri, smtpHost, databaseUrls, keycloakStartupTimeout,
                freePort(taken), freePort(taken), partnerSandbox.withPort(freePort(taken)), freePort(taken),
                tracingEndpoint);
    }

    public PlatformSettings withDataDirectory(Path directory) {
        return new PlatformSettings(directory, servicePorts, kafkaPort, smtpPort, imapPort, keycloakPort,
                kafkaBootstrapServers, issuerUri, smtpHost, databaseUrls, keycloakStartupTimeout, webhookInboxPort,
                gatewayManagementPort, partnerSandbox, zipkinPort, tracingEndpoint);
    }

    public int port(PlatformService service) {
        return servicePorts.get(service);
    }

    boolean embeddedKafka() {
        return kafkaBootstrapServers == null;
    }

    boolean embeddedKeycloak() {
        return issuerUri == null;
    }

    boolean embeddedZipkin() {
        return tracingEndpoint == null;
    }

    boolean embeddedMailbox() {
        return smtpHost == null;
    }

    Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return isSet(value) ? value.trim() : null;
    }

    private static int intOrDefault(String value, int fallback) {
        return isSet(value) ? Integer.parseInt(value.trim()) : fallback;
    }
}
