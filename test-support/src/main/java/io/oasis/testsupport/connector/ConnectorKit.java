package io.oasis.testsupport.connector;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oasis.connector.ConnectorCallException;
import io.oasis.connector.ConnectorCalls;
import io.oasis.connector.ConnectorCatalog;
import io.oasis.connector.ConnectorDefinition;
import io.oasis.connector.ConnectorOutcome;
import io.oasis.connector.KameletConfigurationSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The connector test kit: runs one Kamelet file, exactly as the order service calls it (same loading,
 * same timeout, circuit breaker and error mapping), against a WireMock server on loopback that stands in
 * for the third party.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ConnectorKit kit = ConnectorKit.connector("reserve-inventory")
 *         .configure("baseUrl", ConnectorKit.WIREMOCK_URL);
 *
 * @Test
 * void reserves() {
 *     kit.wiremock().stubFor(post("/reservations").willReturn(okJson("{\"reservationId\":\"r-1\"}")));
 *     assertThat(kit.call(Map.of(), Map.of("orderId", "o-1", "items", "[]")).outputs())
 *             .containsEntry("reservationId", "r-1");
 * }
 * }</pre>
 *
 * Configuration ({@link #configure}) is what a deployment sets as {@code camel.kamelet.<name>.<property>}
 * (secrets, URLs); the properties and variables of {@link #call} are what a BPMN task passes. The file is
 * read from the repository's {@code routes/connectors/} folder unless {@link #file} names another.
 */
public final class ConnectorKit implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** A configuration value that stands for the WireMock server's base URL, e.g. {@code http://127.0.0.1:5123}. */
    public static final String WIREMOCK_URL = "${wiremock.url}";

    private final String name;
    private Path file;
    private final Map<String, String> configuration = new ConcurrentHashMap<>();
    private WireMockServer wiremock;
    private DefaultCamelContext camel;
    private ConnectorCatalog catalog;
    private ConnectorCalls calls;
    private SimpleMeterRegistry meters;

    private ConnectorKit(String name) {
        this.name = name;
    }

    /** The kit for the connector file {@code routes/connectors/<name>.kamelet.yaml}. */
    public static ConnectorKit connector(String name) {
        return new ConnectorKit(name);
    }

    /** Reads the connector from this file instead. */
    public ConnectorKit file(Path kameletFile) {
        this.file = kameletFile;
        return this;
    }

    /**
     * Sets configuration property {@code camel.kamelet.<name>.<property>}; {@link #WIREMOCK_URL} in the value
     * is replaced by WireMock's URL. Called during a test, it applies from the next call on.
     */
    public ConnectorKit configure(String property, String value) {
        configuration.put(property, value);
        if (catalog != null) {
            reload();
        }
        return this;
    }

    public WireMockServer wiremock() {
        return wiremock;
    }

    public String wiremockUrl() {
        return wiremock.baseUrl();
    }

    public ConnectorDefinition definition() {
        return catalog.find(name).orElseThrow();
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }

    /** Calls the connector with a BPMN task's properties and the process variables, with its own timeout. */
    public Result call(Map<String, String> properties, Map<String, Object> variables) {
        return call(properties, variables, null);
    }

    /** The same with another timeout (for timeout tests that should not wait for the connector's own). */
    public Result call(Map<String, String> properties, Map<String, Object> variables, Duration timeout) {
        try {
            return new Result(calls.call(name, properties, variables, timeout), null);
        } catch (ConnectorCallException failure) {
            return new Result(null, failure);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addPropertiesSource(new KameletConfigurationSource(() -> {
            Map<String, String> values = new LinkedHashMap<>();
            configuration.forEach((property, value) -> values.put(KameletConfigurationSource.PREFIX + name + "." + property,
                    value.replace(WIREMOCK_URL, wiremock.baseUrl())));
            return values;
        }));
        camel.start();
        catalog = new ConnectorCatalog(camel);
        catalog.install(name + ConnectorDefinition.FILE_SUFFIX, read());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        wiremock.resetAll();
        // Each test starts with a closed circuit breaker and no metrics.
        meters = new SimpleMeterRegistry();
        calls = new ConnectorCalls(catalog, meters, Clock.systemUTC());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (camel != null) {
            camel.stop();
        }
        if (wiremock != null) {
            wiremock.stop();
        }
    }

    /** Routes are built with the configuration of their first call: rebuild them after a change. */
    private void reload() {
        catalog.uninstall(name);
        catalog.install(name + ConnectorDefinition.FILE_SUFFIX, read());
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(file != null ? file : connectorsFolder().resolve(name + ConnectorDefinition.FILE_SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's routes/connectors folder, from the module the test runs in. */
    public static Path connectorsFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("routes").resolve("connectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            if (dir.getFileName() != null && dir.getFileName().toString().equals("connectors")
                    && dir.getParent() != null && dir.getParent().getFileName().toString().equals("routes")) {
                return dir;
            }
        }
        throw new IllegalStateException("No routes/connectors folder above " + Path.of("").toAbsolutePath());
    }

    /** The order service's built-in connectors, which the catalog lists before the folder's. */
    public static Path builtInConnectorsFolder() {
        return connectorsFolder().resolveSibling("order-service").resolve("src/main/resources/connectors/builtin");
    }

    /** How one call ended: completed with outputs, a declared BPMN error, or a failure (the job fails). */
    public record Result(ConnectorOutcome outcome, ConnectorCallException failure) {

        /** The outputs; fails the test when the call did not complete. */
        public Map<String, Object> outputs() {
            if (outcome instanceof ConnectorOutcome.Completed completed) {
                return new LinkedHashMap<>(completed.outputs());
            }
            throw new AssertionError("Expected the connector to complete, but it ended with " + describe());
        }

        /** The BPMN error's code; fails the test when the call did not end in one. */
        public String bpmnErrorCode() {
            return bpmnError().code();
        }

        public ConnectorOutcome.BusinessError bpmnError() {
            if (outcome instanceof ConnectorOutcome.BusinessError error) {
                return error;
            }
            throw new AssertionError("Expected a BPMN error, but the call ended with " + describe());
        }

        /** The failure that fails the job; fails the test when the call did not fail. */
        public ConnectorCallException failure() {
            if (failure != null) {
                return failure;
            }
            throw new AssertionError("Expected the call to fail (retried, then an incident), but it ended with "
                    + describe());
        }

        private String describe() {
            return failure != null ? "failure: " + failure.getMessage() : String.valueOf(outcome);
        }
    }
}
