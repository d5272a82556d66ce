package io.oasis.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Keycloak run from the unpacked distribution as a child process, in dev mode, with the
 * {@code oasis} realm imported. The launcher and the tests start Keycloak only through this class.
 *
 * <p>If a Keycloak that serves the realm already answers on the port, it is reused and left running
 * on {@link #close()}. Otherwise the realm is copied into the distribution's import folder and
 * {@code kc.sh start-dev --import-realm} runs; its dev-file H2 database lives under the data
 * directory, so a second start keeps users, sessions and keys.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "oasis";
    public static final int DEFAULT_PORT = 8180;
    /** Dev-only bootstrap administrator of the master realm (admin console login). */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    static final String REALM_RESOURCE = "keycloak/import/oasis-realm.json";
    private static final String DIST_PROPERTIES = "oasis-keycloak-dist.properties";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);

    private final int port;
    private final Path home;
    private final Path dataDirectory;
    private final Path logFile;
    private final Duration startupTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // see Tokens
            .connectTimeout(Duration.ofSeconds(2)).build();

    // Guarded by processLock rather than this, so a shutdown hook can stop a Keycloak that start() is still waiting for.
    private final Object processLock = new Object();
    private volatile Process process;
    private Thread shutdownHook;
    private boolean reused;

    private KeycloakServer(Builder builder) {
        this.port = builder.port;
        this.home = builder.home != null ? builder.home : defaultHome();
        this.dataDirectory = (builder.dataDirectory != null ? builder.dataDirectory : home.resolve("data"))
                .toAbsolutePath();
        this.logFile = (builder.logFile != null ? builder.logFile : dataDirectory.resolve("keycloak.log"))
                .toAbsolutePath();
        this.startupTimeout = builder.startupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts Keycloak, or reuses the one already serving the realm on the port, and returns when
     * the realm's discovery document answers.
     *
     * @throws IllegalStateException if the port is taken by something else, the distribution is
     *     missing, or Keycloak exits or does not answer in time (the message ends with its log)
     */
    public synchronized KeycloakServer start() {
        if (process != null || reused) {
            return this;
        }
        if (realmAnswers()) {
            reused = true;
            LOG.info("Reusing the Keycloak already serving realm '{}' at {}", REALM, baseUrl());
            return this;
        }
        if (!portIsFree()) {
            throw new IllegalStateException("Port " + port + " is in use by something that is not a Keycloak serving realm '"
                    + REALM + "'. Stop it or choose another port.");
        }
        Path script = home.resolve("bin").resolve(isWindows() ? "kc.bat" : "kc.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("No Keycloak distribution at " + home
                    + ": build the keycloak module (it unpacks one) or set KEYCLOAK_HOME");
        }
        try {
            copyRealmIntoImportFolder();
            Files.createDirectories(dataDirectory);
            Files.createDirectories(logFile.getParent());
            process = newProcess(script).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
        shutdownHook = new Thread(this::stopProcess, "keycloak-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Starting Keycloak on port {} (log: {})", port, logFile);
        awaitRealm();
        return this;
    }

    private ProcessBuilder newProcess(Path script) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "start-dev",
                "--http-port=" + port,
                // Loopback only: this is a development server.
                "--http-host=127.0.0.1",
                // A fixed front-end URL keeps the issuer claim the same whichever host a token was requested through.
                "--hostname=" + baseUrl(),
                "--import-realm"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dataDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.putIfAbsent("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Brute force detection stays on, but overlapping sign-ins of one user are not refused as if their
        // password were wrong: on a development machine, test runs and the launcher sign in as the same demo users.
        env.putIfAbsent("KC_SPI_BRUTE_FORCE_PROTECTOR_DEFAULT_BRUTE_FORCE_DETECTOR_ALLOW_CONCURRENT_REQUESTS", "true");
        // The dev-file H2 database goes to <data directory>/data/h2 instead of the distribution's folder.
        String append = env.getOrDefault("JAVA_OPTS_APPEND", "");
        env.put("JAVA_OPTS_APPEND", (append + " -Dkc.db-url-path=" + dataDirectory).trim());
        return builder;
    }

    private void copyRealmIntoImportFolder() throws IOException {
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
            if (realm == null) {
                throw new IllegalStateException("Realm file " + REALM_RESOURCE + " is not on the classpath");
            }
            Files.copy(realm, importDir.resolve("oasis-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void awaitRealm() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        long started = System.nanoTime();
        while (true) {
            if (realmAnswers()) {
                LOG.info("Keycloak answered on {} after {} s", baseUrl(),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                return;
            }
            Process child = process;
            if (child == null) {
                throw new IllegalStateException("Keycloak was stopped while starting");
            }
            if (!child.isAlive()) {
                int exit = child.exitValue();
                close();
                throw new IllegalStateException("Keycloak exited with code " + exit + " before realm '" + REALM
                        + "' answered. Last lines of " + logFile + ":\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("Keycloak did not serve realm '" + REALM + "' on port " + port
                        + " within " + startupTimeout.toSeconds() + " s. Last lines of " + logFile + ":\n" + logTail());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
        }
    }

    private boolean realmAnswers() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUri() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean portIsFree() {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** Stops the child process (and the JVM it execs) gracefully, then forcibly. A reused Keycloak is left alone. */
    @Override
    public synchronized void close() {
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run: nothing to remove.
            }
            shutdownHook = null;
        }
    }

    private void stopProcess() {
        synchronized (processLock) {
            Process child = process;
            if (child == null) {
                return;
            }
            List<ProcessHandle> descendants = child.descendants().toList();
            child.destroy();
            descendants.forEach(ProcessHandle::destroy);
            try {
                if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Keycloak did not stop within {} s; killing it", STOP_GRACE.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            process = null;
        }
    }

    public boolean isReused() {
        return reused;
    }

    /** Whether a Keycloak serves the realm on the port: our child process, or one started elsewhere. */
    public boolean isRunning() {
        Process child = process;
        return child != null ? child.isAlive() : realmAnswers();
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String jwkSetUri() {
        return issuerUri() + "/protocol/openid-connect/certs";
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String adminConsoleUrl() {
        return baseUrl() + "/admin/master/console/#/" + REALM;
    }

    /** A token for a user of the realm, by the password grant of the dev-only {@code oasis-cli} client. */
    public TokenResponse passwordGrant(String username, String password) {
        return Tokens.passwordGrant(tokenEndpoint(), username, password);
    }

    /** A token for a confidential client's service account, by the client credentials grant. */
    public TokenResponse clientCredentialsGrant(String clientId, String clientSecret) {
        return Tokens.clientCredentialsGrant(tokenEndpoint(), clientId, clientSecret);
    }

    /** The distribution the build unpacked, unless {@code KEYCLOAK_HOME} points elsewhere. */
    static Path defaultHome() {
        String fromEnv = System.getenv("KEYCLOAK_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(DIST_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(DIST_PROPERTIES + " is not on the classpath; set KEYCLOAK_HOME");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("home"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl() + (reused ? ", reused" : "") + "]";
    }

    public static final class Builder {

        private int port = DEFAULT_PORT;
        private Path home;
        private Path dataDirectory;
        private Path logFile;
        private Duration startupTimeout = Duration.ofMinutes(3);

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The unpacked distribution; by default {@code KEYCLOAK_HOME} or the one the build unpacked. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** Where the dev database ({@code data/h2}) and, by default, the log live. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Where the child process writes its output (appended). */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** A server not yet started. */
        public KeycloakServer build() {
            return new KeycloakServer(this);
        }

        /** Builds and {@linkplain KeycloakServer#start() starts} the server. */
        public KeycloakServer start() {
            return build().start();
        }
    }
}
