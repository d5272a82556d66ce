package io.oasis.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One platform for every test class of this module, started the way the launcher starts it the first time
 * a class asks ({@code @ExtendWith(SharedPlatform.class)}, then {@link #platform()}), and stopped with its
 * data folder when the test run ends: starting Keycloak and every service once is what takes the time.
 */
public final class SharedPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    private static volatile Platform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("platform", key -> new Running(), Running.class);
    }

    /** The running platform of this test run. */
    public static Platform platform() {
        if (platform == null) {
            throw new IllegalStateException("Not started: annotate the test class with @ExtendWith(SharedPlatform.class)");
        }
        return platform;
    }

    /** Closed by JUnit once every test class has run. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {

        private final Path dataDirectory;

        Running() {
            try {
                dataDirectory = Files.createTempDirectory("oasis-platform-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // An empty environment: the embedded default of every part, as on a fresh machine.
            platform = Platform.start(PlatformSettings.fromEnvironment(Map.of())
                    .withDataDirectory(dataDirectory)
                    .withFreePorts());
        }

        @Override
        public void close() throws IOException {
            platform.close();
            try (Stream<Path> paths = Files.walk(dataDirectory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
