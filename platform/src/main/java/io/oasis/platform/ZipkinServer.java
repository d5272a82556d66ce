package io.oasis.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's trace backend: Zipkin's server (its executable jar from Maven Central, which the build copies)
 * run as a child process on loopback, keeping spans in memory. The services export to {@link #spansEndpoint()};
 * people open {@link #baseUrl()}. Stopped with the launcher, its traces with it.
 */
final class ZipkinServer implements AutoCloseable {

    private static final String JAR_PROPERTIES = "oasis-zipkin.properties";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final int port;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;

    ZipkinServer(int port, Path logFile) {
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts the child process; {@link #awaitUp} waits until it answers. */
    ZipkinServer start() {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Zipkin's server is not at " + jar + ": build the platform module (it copies it)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                // Loopback only; the list replaces Zipkin's own, so each field of the entry is named.
                "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].protocols[0]=http"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("STORAGE_TYPE", "mem");
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Zipkin from " + jar, e);
        }
        return this;
    }

    /** Waits until Zipkin answers its health check, or fails naming its log. */
    void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers()) {
            Process child = process;
            if (child == null || !child.isAlive()) {
                throw new IllegalStateException("Zipkin exited before it answered (its log: " + logFile + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Zipkin did not answer within " + timeout.toSeconds() + " s (its log: "
                        + logFile + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Zipkin", e);
            }
        }
    }

    private boolean answers() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where people open traces. */
    String baseUrl() {
        return "http://localhost:" + port + "/zipkin/";
    }

    /** Zipkin's trace API, as the platform test reads it. */
    String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/v2";
    }

    /** Where the services send their spans (Zipkin's v2 JSON collector). */
    String spansEndpoint() {
        return apiUrl() + "/spans";
    }

    Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        Process child = process;
        if (child == null) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        }
        process = null;
    }

    /** The jar the build copied, as recorded in {@value #JAR_PROPERTIES}. */
    private static Path jar() {
        try (InputStream in = ZipkinServer.class.getClassLoader().getResourceAsStream(JAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException(JAR_PROPERTIES + " is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
