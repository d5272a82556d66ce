package io.oasis.connector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@code *.kamelet.yaml} files of a folder into a {@link ConnectorCatalog} and keeps them in
 * step: a new or changed file is loaded once it has stopped changing (two polls alike, so a half-written
 * save is never read), a deleted one is removed. A broken file is refused with one log line naming it and
 * the problem, and the previous version keeps serving. Polling rather than a {@code WatchService}: it
 * behaves the same on every file system, mounted volumes included.
 */
public class ConnectorFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorFolder.class);

    private final ConnectorCatalog catalog;
    private final Path folder;
    private final Duration interval;
    private final Map<Path, Long> seen = new HashMap<>();
    private final Map<Path, Long> handled = new HashMap<>();
    private ScheduledExecutorService poller;

    public ConnectorFolder(ConnectorCatalog catalog, Path folder, Duration interval) {
        this.catalog = catalog;
        this.folder = folder.toAbsolutePath().normalize();
        this.interval = interval;
    }

    /** Loads every file now (the broken ones are logged and skipped), then watches when {@code watch}. */
    public synchronized void start(boolean watch) {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Connector folder {} does not exist: no connectors loaded from it", folder);
            return;
        }
        for (Map.Entry<Path, Long> file : scan().entrySet()) {
            seen.put(file.getKey(), file.getValue());
            handled.put(file.getKey(), file.getValue());
            load(file.getKey(), false);
        }
        LOG.info("Connectors loaded from {}: {}", folder, String.join(", ", catalog.names()));
        if (!watch) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "connector-folder");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for new, changed and deleted connector files", folder);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    public Path folder() {
        return folder;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("Polling connector folder {} failed: {}", folder, e.toString());
        }
    }

    synchronized void poll() {
        Map<Path, Long> now = scan();
        for (Map.Entry<Path, Long> file : now.entrySet()) {
            Path path = file.getKey();
            Long signature = file.getValue();
            if (signature.equals(seen.get(path)) && !signature.equals(handled.get(path))) {
                handled.put(path, signature);
                load(path, true);
            }
        }
        Set<Path> deleted = handled.keySet().stream().filter(path -> !now.containsKey(path)).collect(Collectors.toSet());
        for (Path path : deleted) {
            handled.remove(path);
            String name = ConnectorFiles.connectorName(path.getFileName().toString());
            if (catalog.uninstall(name)) {
                LOG.info("Connector {} removed ({} deleted)", name, path.getFileName());
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    private void load(Path file, boolean change) {
        String fileName = file.getFileName().toString();
        try {
            String before = catalog.find(ConnectorFiles.connectorName(fileName)).map(ConnectorDefinition::version).orElse(null);
            ConnectorDefinition loaded = catalog.install(fileName, Files.readAllBytes(file));
            if (change && !loaded.version().equals(before)) {
                LOG.info("Connector {} {} (version {}, from {})", loaded.name(), before == null ? "added" : "updated",
                        loaded.version(), fileName);
            }
        } catch (InvalidConnectorException e) {
            LOG.error("Connector file rejected, {}: {}", catalog.find(ConnectorFiles.connectorName(fileName)).isPresent()
                    ? "the previous version keeps serving" : "not loaded", e.getMessage());
        } catch (IOException e) {
            LOG.warn("Connector file {} could not be read: {}", fileName, e.toString());
        }
    }

    /** Each connector file with a signature of its content (size and hash), so any edit shows. */
    private Map<Path, Long> scan() {
        Map<Path, Long> files = new HashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(path -> path.getFileName().toString().endsWith(ConnectorDefinition.FILE_SUFFIX))
                    .filter(Files::isRegularFile)
                    .forEach(path -> {
                        try {
                            byte[] content = Files.readAllBytes(path);
                            files.put(path, ((long) java.util.Arrays.hashCode(content) << 32) ^ content.length);
                        } catch (IOException e) {
                            // Vanished or unreadable between listing and reading: seen at the next poll.
                        }
                    });
        } catch (IOException e) {
            LOG.warn("Connector folder {} could not be listed: {}", folder, e.toString());
        }
        return files;
    }
}
