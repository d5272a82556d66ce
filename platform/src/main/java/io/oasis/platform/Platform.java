package io.oasis.platform;

import io.oasis.common.boot.OasisService;
import io.oasis.keycloak.DemoUser;
import io.oasis.keycloak.KeycloakServer;
import io.oasis.keycloak.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the whole platform in this JVM: the embedded defaults (Kafka, H2, the dev mailbox,
 * Keycloak as a child process) and then every service in its own Spring application context on
 * its own port. The services reach each other over HTTP and Kafka through the same variables a
 * separate deployment would set, so nothing here is a shortcut a real deployment would not take.
 * Used by the {@code OasisPlatform} launcher and by the smoke test, which only changes the settings.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    /**
     * Camunda's engine, web apps and REST API register auto-configurations; they share the
     * classpath with every service here but belong to the order service only.
     */
    static final List<String> CAMUNDA_AUTO_CONFIGURATIONS = List.of(
            "org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
            "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
            "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");

    /** Several applications share this JVM: only the platform owns the shutdown and the console. */
    private static final Map<String, Object> SHARED_JVM_DEFAULTS = Map.of(
            "spring.main.banner-mode", "off",
            "logging.register-shutdown-hook", "false",
            "management.metrics.use-global-registry", "false");

    /** The address every service of the launcher listens on. */
    static final String LOOPBACK = "127.0.0.1";

    private final PlatformSettings settings;
    private final Deque<Stoppable> running = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long startedAt = System.nanoTime();

    private String kafkaBootstrapServers;
    private String issuerUri;
    private KeycloakServer keycloak;
    private long keycloakStartedAt;
    private ZipkinServer zipkin;
    private long zipkinStartedAt;
    private Duration startupTime;
    private io.oasis.connector.ConnectorCatalog connectors;
    private final Map<PlatformService, CamelContext> camelContexts = new java.util.EnumMap<>(PlatformService.class);

    private boolean closed;

    public Platform(PlatformSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns this, or stops what had started and throws if any part fails. */
    public Platform start() {
        try {
            startAll();
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public static Platform start(PlatformSettings settings) {
        return new Platform(settings).start();
    }

    private void startAll() {
        log.info("Oasis: starting every service in one JVM (data folder {}, logs in {})",
                display(settings.dataDirectory()), display(settings.logDirectory().resolve("oasis.json")));

        Stopwatch watch = Stopwatch.start();
        KeycloakServer keycloakServer = settings.embeddedKeycloak() ? KeycloakServer.builder()
                .port(settings.keycloakPort())
                .dataDirectory(settings.dataDirectory().resolve("keycloak"))
                .logFile(settings.logDirectory().resolve("keycloak.log"))
                .startupTimeout(settings.keycloakStartupTimeout())
                .build() : null;
        PortCheck ports = wantedPorts(keycloakServer);
        ports.verifyAllFree();
        watch.done("ports " + ports.ports().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse("")
                + " are free");

        createDirectories();
        CompletableFuture<KeycloakServer> keycloakStart = startKeycloakInBackground(keycloakServer);
        startZipkin();
        startKafka();
        startMailbox();
        startWebhookInbox();
        startPartnerSandbox();
        for (PlatformService service : PlatformService.values()) {
            startService(service);
        }
        awaitKeycloak(keycloakStart);
        awaitZipkin();
        awaitReadiness();
        seedDemoCustomer();
        startupTime = Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private PortCheck wantedPorts(KeycloakServer keycloakServer) {
        PortCheck ports = new PortCheck();
        for (PlatformService service : PlatformService.values()) {
            ports.want(settings.port(service), service.serviceName());
        }
        // A Keycloak that already serves the realm there (a previous run's, say) is reused, not a clash.
        if (keycloakServer != null && !realmAnswers(keycloakServer.issuerUri())) {
            ports.want(settings.keycloakPort(), "Keycloak");
        }
        if (settings.embeddedKafka()) {
            ports.want(settings.kafkaPort(), "the embedded Kafka broker");
        }
        if (settings.embeddedMailbox()) {
            ports.want(settings.smtpPort(), "the dev mailbox (SMTP)");
            ports.want(settings.imapPort(), "the dev mailbox (IMAP)");
        }
        ports.want(settings.webhookInboxPort(), "the dev webhook inbox");
        ports.want(settings.partnerSandbox().port(), "the dev partner sandbox");
        ports.want(settings.gatewayManagementPort(), "the gateway's management port");
        if (settings.embeddedZipkin()) {
            ports.want(settings.zipkinPort(), "Zipkin (traces)");
        }
        return ports;
    }

    private void createDirectories() {
        try {
            Files.createDirectories(settings.logDirectory());
            Files.createDirectories(databaseDirectory());
        } catch (IOException e) {
            throw new PlatformStartException("Cannot create the data folder " + settings.dataDirectory() + ": " + e, e);
        }
    }

    /** Keycloak takes the longest to boot, so it starts first and boots while the services do. */
    private CompletableFuture<KeycloakServer> startKeycloakInBackground(KeycloakServer server) {
        if (server == null) {
            issuerUri = settings.issuerUri();
            log.info("  Keycloak: using the realm at {} (OASIS_ISSUER_URI)", issuerUri);
            return CompletableFuture.completedFuture(null);
        }
        // The services only need the issuer and key URLs, fetched lazily, so they may start first.
        issuerUri = server.issuerUri();
        keycloakStartedAt = System.nanoTime();
        log.info("  Keycloak starting in the background on port {} (data in {}, log in {})", settings.keycloakPort(),
                display(server.dataDirectory()), display(server.logFile()));
        CompletableFuture<KeycloakServer> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                future.complete(server.start());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "oasis-keycloak-start");
        starter.setDaemon(true);
        starter.start();
        // Stopping while Keycloak still boots: close() kills the child process, which ends the start.
        started("Keycloak", server::close);
        return future;
    }

    /** Zipkin boots beside the services (a few seconds); until it answers, their first spans wait in memory. */
    private void startZipkin() {
        if (!settings.embeddedZipkin()) {
            log.info("  Traces: sent to {} ({} or {})", settings.tracingEndpoint(), PlatformSettings.OTLP_TRACING_ENDPOINT,
                    PlatformSettings.ZIPKIN_TRACING_ENDPOINT);
            return;
        }
        zipkinStartedAt = System.nanoTime();
        ZipkinServer server = new ZipkinServer(settings.zipkinPort(), settings.logDirectory().resolve("zipkin.log"));
        started("Zipkin", server::close);
        zipkin = server.start();
        log.info("  Zipkin starting in the background on port {} (log in {})", settings.zipkinPort(),
                display(server.logFile()));
    }

    private void awaitZipkin() {
        if (zipkin == null) {
            return;
        }
        Stopwatch watch = Stopwatch.startedAt(zipkinStartedAt);
        zipkin.awaitUp(Duration.ofSeconds(90));
        watch.done("Zipkin (child process, traces in memory) on " + zipkin.baseUrl());
    }

    private void startKafka() {
        if (!settings.embeddedKafka()) {
            kafkaBootstrapServers = settings.kafkaBootstrapServers();
            log.info("  Kafka: using {} (KAFKA_BOOTSTRAP_SERVERS)", kafkaBootstrapServers);
            return;
        }
        Stopwatch watch = Stopwatch.start();
        DevKafkaBroker broker = DevKafkaBroker.start(settings.dataDirectory().resolve("kafka"), settings.kafkaPort());
        started("Kafka broker", broker::close);
        kafkaBootstrapServers = broker.bootstrapServers();
        watch.done("Kafka broker (embedded, KRaft, log in " + display(settings.dataDirectory().resolve("kafka")) + ") on "
                + kafkaBootstrapServers);
    }

    private void startMailbox() {
        if (!settings.embeddedMailbox()) {
            log.info("  SMTP: using {} (SMTP_HOST)", settings.smtpHost());
            return;
        }
        Stopwatch watch = Stopwatch.start();
        DevMailbox mailbox = DevMailbox.start(settings.smtpPort(), settings.imapPort());
        started("dev mailbox", mailbox::close);
        watch.done("dev mailbox (GreenMail): SMTP " + settings.smtpPort() + ", IMAP " + settings.imapPort());
    }

    private void startWebhookInbox() {
        Stopwatch watch = Stopwatch.start();
        DevWebhookInbox inbox = DevWebhookInbox.start(settings.webhookInboxPort());
        started("dev webhook inbox", inbox::close);
        watch.done("dev webhook inbox on " + webhookInboxUrl());
        // The notification service refuses loopback targets anywhere but here.
        log.warn("  DEV ONLY: webhook subscriptions may target this machine (localhost, 127.0.0.1, [::1]); "
                + "production configuration never allows that");
    }

    /** DEV ONLY: the warehouse, payment provider and carrier the shipped connectors call, on loopback. */
    private void startPartnerSandbox() {
        Stopwatch watch = Stopwatch.start();
        PlatformSettings.PartnerSandbox sandbox = settings.partnerSandbox();
        DevPartnerSandbox partners = DevPartnerSandbox.start(sandbox.port(), DevOnlySecrets.PAYMENT_PROVIDER_API_KEY,
                sandbox.outOfStockSku(), sandbox.failureRate(), baseUrl(PlatformService.GATEWAY),
                DevOnlySecrets.CARRIER_CALLBACK_SECRET);
        started("dev partner sandbox", partners::close);
        watch.done("dev partner sandbox (warehouse, payments, carrier) on " + partnerSandboxUrl()
                + (sandbox.failureRate() > 0 ? ", failure rate " + sandbox.failureRate() : ""));
    }

    String partnerSandboxUrl() {
        return "http://localhost:" + settings.partnerSandbox().port() + "/sandbox";
    }

    /** The connector folder the order service loads and watches, and where Modeler's templates are written. */
    static final Path CONNECTORS = Path.of("routes", "connectors");
    static final Path ELEMENT_TEMPLATES = Path.of("workflows", ".camunda", "element-templates", "oasis-connectors.json");

    String webhookInboxUrl() {
        return "http://localhost:" + settings.webhookInboxPort() + "/webhooks";
    }

    private void startService(PlatformService service) {
        Stopwatch watch = Stopwatch.start();
        Map<String, Object> environment = deploymentEnvironment(service);
        ConfigurableApplicationContext context;
        try {
            context = OasisService.builder(service.application(), service.serviceName())
                    .main(service.application())
                    .properties(SHARED_JVM_DEFAULTS)
                    .registerShutdownHook(false) // the platform closes the contexts, in order
                    .initializers(applicationContext -> {
                        // What the platform decided (ports, URLs, databases) wins over this JVM's own
                        // environment, which all services share and which may name other ports.
                        applicationContext.getEnvironment().getPropertySources()
                                .addFirst(new MapPropertySource("oasisPlatform", environment));
                        if (!service.runsCamunda()) {
                            excludeAutoConfigurations(applicationContext.getEnvironment(), CAMUNDA_AUTO_CONFIGURATIONS);
                        } else if (!settings.databaseUrls().containsKey(service)) {
                            applicationContext.getBeanFactory().registerSingleton("h2AuthorizationChecks",
                                    new H2AuthorizationChecks());
                        }
                    })
                    .run();
        } catch (RuntimeException e) {
            throw new PlatformStartException(service.serviceName() + " failed to start: " + rootMessage(e)
                    + " (details in " + display(settings.logDirectory().resolve("oasis.json")) + ")", e);
        }
        started(service.serviceName(), context::close);
        camelContexts.put(service, context.getBean(CamelContext.class));
        watch.done(service.serviceName() + " on " + baseUrl(service) + describeDatabase(service));
        if (service.runsCamunda()) {
            connectors = context.getBean(io.oasis.connector.ConnectorCatalog.class);
            log.info("    connectors {}: {}", Files.isDirectory(CONNECTORS) ? "loaded from " + display(CONNECTORS.toAbsolutePath())
                    + " (watched)" : "(packaged)", String.join(", ", connectors.names()));
        }
    }

    /**
     * What a separate deployment of this service would find in its environment: its port, the
     * other services' URLs, the broker, the realm, the mail server and its own database.
     */
    private Map<String, Object> deploymentEnvironment(PlatformService service) {
        Map<String, Object> variables = new HashMap<>();
        for (PlatformService each : PlatformService.values()) {
            variables.put(each.portVariable(), settings.port(each));
            variables.put(each.urlVariable(), baseUrl(each));
        }
        variables.put("GATEWAY_MANAGEMENT_PORT", settings.gatewayManagementPort());
        // A developer's machine: every service answers on loopback only, like Keycloak and the broker.
        // (The gateway's Spring server is its management port, on GATEWAY_MANAGEMENT_ADDRESS.)
        if (service == PlatformService.GATEWAY) {
            variables.put("GATEWAY_HOST", LOOPBACK);
        } else {
            variables.put("server.address", LOOPBACK);
        }
        variables.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        variables.put("OASIS_ISSUER_URI", issuerUri);
        if (settings.embeddedMailbox()) {
            variables.put("SMTP_HOST", "127.0.0.1");
            variables.put("SMTP_PORT", settings.smtpPort());
        }
        variables.putAll(DevOnlySecrets.of(service));
        if (settings.embeddedZipkin()) {
            // Every request traced, to the launcher's Zipkin. (An endpoint in the environment reaches the services
            // as it would a deployment's, and its own sampling with it.)
            variables.put("management.zipkin.tracing.endpoint", zipkinSpansEndpoint());
            variables.put("management.tracing.enabled", "true");
            variables.put("management.zipkin.tracing.export.enabled", "true");
            variables.put("TRACING_SAMPLING_PROBABILITY", "1.0");
        }
        if (service == PlatformService.NOTIFICATION) {
            // DEV ONLY: a newcomer's local receiver (the dev webhook inbox) may be a subscription's target.
            variables.put("oasis.notification.webhook.allowed-targets", "localhost,127.0.0.1,::1");
            // Saved templates are used from the next message on.
            variables.put("NOTIFICATION_TEMPLATES_DIR", Path.of("config", "templates").toAbsolutePath().toString());
        }
        if (service.runsCamunda()) {
            // The analysts' loop: diagrams saved in workflows/ are deployed as they change.
            variables.put("WORKFLOWS_WATCH_DIR", Path.of("workflows").toAbsolutePath().toString());
            // A deploy from Camunda Modeler that differs from its file there is written into the file, so the
            // repository holds what runs (only here: elsewhere the folder is not the analysts' checkout).
            variables.put("WORKFLOWS_WRITE_BACK", "true");
            // Connectors: routes/connectors/ is loaded and watched, Modeler's templates follow every change,
            // and the partners the shipped connectors call are the dev sandbox.
            // (Started elsewhere than a checkout, the service keeps its packaged connectors and writes nothing.)
            if (Files.isDirectory(CONNECTORS)) {
                variables.put("OASIS_CONNECTORS_DIR", CONNECTORS.toAbsolutePath().toString());
            }
            if (Files.isDirectory(ELEMENT_TEMPLATES.getParent().getParent().getParent())) {
                variables.put("OASIS_ELEMENT_TEMPLATES_FILE", ELEMENT_TEMPLATES.toAbsolutePath().toString());
            }
            variables.put("WAREHOUSE_URL", partnerSandboxUrl() + "/warehouse");
            variables.put("PAYMENT_PROVIDER_URL", partnerSandboxUrl() + "/payments");
            variables.put("CARRIER_URL", partnerSandboxUrl() + "/carrier");
            variables.put("OASIS_TEMPLATES_DIR", Path.of("config", "templates").toAbsolutePath().toString());
        }
        if (service.hasDatabase() && !settings.databaseUrls().containsKey(service)) {
            variables.put(service.databaseUrlVariable(), h2Url(service));
            variables.put(service.databaseUserVariable(), "sa");
            variables.put(service.databasePasswordVariable(), "");
            if (service.runsCamunda()) {
                // H2 in PostgreSQL mode takes the engine's PostgreSQL scripts, not its H2 ones.
                variables.put("camunda.bpm.database.type", H2AuthorizationChecks.ENGINE_DIALECT);
            }
        }
        return variables;
    }

    /** Adds to the exclusions a service's own configuration may already list, rather than replacing them. */
    static void excludeAutoConfigurations(ConfigurableEnvironment environment, List<String> classNames) {
        List<String> excluded = new ArrayList<>(Binder.get(environment)
                .bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
                .orElse(List.of()));
        excluded.addAll(classNames);
        environment.getPropertySources().addFirst(new MapPropertySource("oasisPlatformExclusions",
                Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
    }

    /**
     * H2 made to behave like PostgreSQL (the settings H2 documents for that, lower-case names included),
     * one file per service; it stays open until the platform closes the context.
     */
    static String h2Url(Path file) {
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private String h2Url(PlatformService service) {
        return h2Url(databaseDirectory().resolve(service.serviceName()));
    }

    private Path databaseDirectory() {
        return settings.dataDirectory().resolve("db");
    }

    private String describeDatabase(PlatformService service) {
        if (!service.hasDatabase()) {
            return "";
        }
        return settings.databaseUrls().containsKey(service)
                ? " (database " + settings.databaseUrls().get(service) + ")"
                : " (H2 file " + display(databaseDirectory().resolve(service.serviceName())) + ")";
    }

    private void awaitKeycloak(CompletableFuture<KeycloakServer> start) {
        if (!settings.embeddedKeycloak()) {
            return;
        }
        Stopwatch watch = Stopwatch.startedAt(keycloakStartedAt);
        try {
            keycloak = start.get(settings.keycloakStartupTimeout().toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (isClosed()) {
                throw new PlatformStartException("Stopped on request while Keycloak was starting.");
            }
            throw new PlatformStartException("Keycloak failed to start: " + rootMessage(e.getCause())
                    + " (its log: " + display(settings.logDirectory().resolve("keycloak.log")) + ")", e.getCause());
        } catch (TimeoutException e) {
            throw new PlatformStartException("Keycloak did not answer within " + settings.keycloakStartupTimeout()
                    + " (its log: " + display(settings.logDirectory().resolve("keycloak.log")) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for Keycloak", e);
        }
        watch.done("Keycloak " + (keycloak.isReused() ? "(already running, reused)" : "(child process)")
                + " on " + keycloak.baseUrl() + ", realm " + KeycloakServer.REALM);
    }

    /** Asks each service over HTTP, as a load balancer would, whether it is ready for traffic. */
    private void awaitReadiness() {
        Stopwatch watch = Stopwatch.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (PlatformService service : PlatformService.values()) {
            URI readiness = URI.create(baseUrl(service) + "/actuator/health/readiness");
            String lastAnswer = "no answer";
            while (true) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness)
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        break;
                    }
                    lastAnswer = response.statusCode() + " " + response.body();
                } catch (IOException e) {
                    lastAnswer = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PlatformStartException("Interrupted while waiting for " + service.serviceName(), e);
                }
                if (isClosed()) {
                    throw new PlatformStartException("Stopped on request while waiting for " + service.serviceName() + ".");
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException(service.serviceName() + " is not ready: " + readiness
                            + " answered " + lastAnswer);
                }
                pause();
            }
        }
        watch.done("every service answers UP on /actuator/health/readiness");
    }

    /** The demo customer's profile: where their orders go unless an order names another address. */
    static final String DEMO_CUSTOMER_PROFILE = """
            {"country":"DE","shippingAddress":{"name":"Cora Customer","line1":"Hauptstr. 1","postalCode":"10115",
             "city":"Berlin","country":"DE"}}""";

    /**
     * Gives the realm's demo customer a customer profile (self-registration, as the customer would
     * do it), so a newcomer can place orders at once. Nothing happens when it exists already, or
     * when Keycloak is not the embedded one (its users are not ours to know).
     */
    private void seedDemoCustomer() {
        if (!settings.embeddedKeycloak()) {
            return;
        }
        Stopwatch watch = Stopwatch.start();
        String profile = baseUrl(PlatformService.CUSTOMER) + "/api/v1/customers/me";
        try {
            String token = Tokens.passwordGrant(tokenEndpoint(), DemoUser.CUSTOMER.username(),
                    DemoUser.CUSTOMER.password()).accessToken();
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(profile))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() == 404) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(profile))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(DEMO_CUSTOMER_PROFILE))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    log.warn("Could not create the demo customer's profile: {} {}", created.statusCode(), created.body());
                    return;
                }
                watch.done("demo customer '" + DemoUser.CUSTOMER.username() + "' has a customer profile (created)");
            } else {
                watch.done("demo customer '" + DemoUser.CUSTOMER.username() + "' has a customer profile");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not create the demo customer's profile: {}", rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while creating the demo customer's profile", e);
        }
    }

    private boolean realmAnswers(String issuer) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted while waiting for readiness", e);
        }
    }

    /**
     * Records a part to stop on close. A part that finishes starting after close() was called (Ctrl-C
     * during start-up) is stopped at once, and the start ends there.
     */
    private synchronized void started(String name, Runnable stop) {
        if (closed) {
            stop.run();
            throw new PlatformStartException("Stopped on request while starting " + name + ".");
        }
        running.push(new Stoppable(name, stop));
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops the services first (gateway first), then what they used: broker, mailbox, Zipkin, Keycloak. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!running.isEmpty()) {
            Stoppable part = running.pop();
            try {
                part.action().run();
            } catch (RuntimeException e) {
                log.warn("  stopping {} failed: {}", part.name(), e.toString());
            }
        }
    }

    public PlatformSettings settings() {
        return settings;
    }

    public String baseUrl(PlatformService service) {
        return "http://localhost:" + settings.port(service);
    }

    /** Zipkin's UI, or null when traces go elsewhere. */
    public String zipkinUrl() {
        return settings.embeddedZipkin() ? "http://localhost:" + settings.zipkinPort() + "/zipkin/" : null;
    }

    /** Zipkin's API (v2), or null when traces go elsewhere. */
    public String zipkinApiUrl() {
        return settings.embeddedZipkin() ? "http://127.0.0.1:" + settings.zipkinPort() + "/api/v2" : null;
    }

    private String zipkinSpansEndpoint() {
        return zipkinApiUrl() + "/spans";
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String tokenEndpoint() {
        return keycloak != null ? keycloak.tokenEndpoint() : issuerUri + "/protocol/openid-connect/token";
    }

    /** The admin console of the Keycloak this platform started, or null when the realm is external. */
    public String keycloakAdminConsoleUrl() {
        return keycloak != null ? keycloak.adminConsoleUrl() : null;
    }

    /** The ids of the Camel routes a service runs now (connectors loaded since its start included). */
    public java.util.Set<String> routeIds(PlatformService service) {
        CamelContext camel = camelContexts.get(service);
        if (camel == null) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        return camel.getRoutes().stream().map(org.apache.camel.Route::getRouteId)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The connectors the order service has loaded now. */
    public java.util.Collection<String> connectorNames() {
        return connectors == null ? java.util.List.of() : connectors.names();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** A path as the user would type it from the folder they started in. */
    static String display(Path path) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return path.startsWith(workingDirectory) ? workingDirectory.relativize(path).toString() : path.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " <- " + root;
    }

    private record Stoppable(String name, Runnable action) {
    }

    /** Times one step and prints it as a line of the start-up progress. */
    private record Stopwatch(long startNanos) {

        static Stopwatch start() {
            return new Stopwatch(System.nanoTime());
        }

        static Stopwatch startedAt(long nanoTime) {
            return new Stopwatch(nanoTime);
        }

        void done(String what) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            log.info(String.format("  %-84s %5.1f s", what, seconds));
        }
    }
}
