package io.oasis.order.camunda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXParseException;

/**
 * The analysts' loop: polls a folder of BPMN and DMN files and deploys each file saved there as a new
 * version, so a change made in Camunda Modeler runs within seconds without a restart.
 * <p>
 * Each file is its own deployment, named after the file, with duplicate filtering: a save that changes
 * nothing creates no version. Running instances stay on the version they started with; new ones start
 * the latest. A file the engine refuses (broken XML, an invalid model) is logged with the parser's
 * message and the previous version keeps serving.
 * <p>
 * Polling rather than a {@code WatchService}: it behaves the same on every file system (mounted
 * folders included), and a file is deployed only once its content has been the same in two polls in a row, so
 * an editor still writing it is never deployed half-written.
 */
public class WorkflowFolderDeployer implements AutoCloseable {

    static final String SOURCE = "oasis workflow folder";

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowFolderDeployer.class);

    private final RepositoryService repository;
    private final Path folder;
    private final Duration interval;
    /** What each file looked like at the previous poll. */
    private final Map<Path, Signature> seen = new HashMap<>();
    /** What each file looked like when it was last deployed or refused. */
    private final Map<Path, Signature> handled = new HashMap<>();
    private ScheduledExecutorService poller;

    public WorkflowFolderDeployer(RepositoryService repository, Path folder, Duration interval) {
        this.repository = repository;
        this.folder = folder.toAbsolutePath().normalize();
        this.interval = interval;
    }

    /**
     * Starts polling. The files as they are now count as deployed: the service has just deployed its
     * packaged copies of them, so only changes saved from now on make new versions.
     */
    public synchronized void start() {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Workflow folder {} does not exist: changes to processes are not deployed until restart", folder);
            return;
        }
        for (Map.Entry<Path, Signature> file : scan().entrySet()) {
            seen.put(file.getKey(), file.getValue());
            handled.put(file.getKey(), file.getValue());
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "workflow-folder-deployer");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Deploying changes to the *.bpmn and *.dmn files of {} as they are saved", folder);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // One bad poll (a file vanishing mid-read, the database away) must not end the loop.
            LOG.warn("Polling workflow folder {} failed: {}", folder, e.toString());
        }
    }

    private synchronized void poll() {
        Map<Path, Signature> now = scan();
        for (Map.Entry<Path, Signature> file : now.entrySet()) {
            Path path = file.getKey();
            Signature signature = file.getValue();
            boolean settled = signature.equals(seen.get(path));
            if (settled && !signature.equals(handled.get(path))) {
                handled.put(path, signature);
                deploy(path);
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    private void deploy(Path file) {
        String name = file.getFileName().toString();
        try (InputStream content = Files.newInputStream(file)) {
            DeploymentWithDefinitions deployment = repository.createDeployment().name(name).source(SOURCE)
                    .enableDuplicateFiltering(true).addInputStream(name, content).deployWithResult();
            List<String> versions = versions(deployment);
            if (versions.isEmpty()) {
                LOG.info("Workflow {} is the same as the version serving: no new version", name);
            } else {
                LOG.info("Workflow {} deployed: {}", name, String.join(", ", versions));
            }
        } catch (IOException e) {
            LOG.warn("Workflow {} could not be read, not deployed: {}", name, e.toString());
        } catch (RuntimeException e) {
            LOG.error("Workflow {} rejected, the previous version keeps serving: {}", name, problem(e));
        }
    }

    /**
     * The engine's message: for an invalid model it names the element, line and column; for a file that
     * is not well-formed XML the line and column are only in the XML parser's exception, so they are added.
     */
    private static String problem(RuntimeException refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException xml) {
                return refused.getMessage() + " (line " + xml.getLineNumber() + ", column " + xml.getColumnNumber() + ")";
            }
        }
        return refused.getMessage();
    }

    /** The definitions a deployment created, as "key version n"; none when duplicate filtering kept it empty. */
    private static List<String> versions(DeploymentWithDefinitions deployment) {
        List<String> versions = new ArrayList<>();
        if (deployment.getDeployedProcessDefinitions() != null) {
            deployment.getDeployedProcessDefinitions()
                    .forEach(definition -> versions.add(definition.getKey() + " version " + definition.getVersion()));
        }
        if (deployment.getDeployedDecisionDefinitions() != null) {
            deployment.getDeployedDecisionDefinitions()
                    .forEach(definition -> versions.add(definition.getKey() + " version " + definition.getVersion()));
        }
        return versions;
    }

    private Map<Path, Signature> scan() {
        Map<Path, Signature> files = new HashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            list.filter(WorkflowFolderDeployer::isModel).filter(Files::isRegularFile).forEach(path -> {
                try {
                    files.put(path, Signature.of(Files.readAllBytes(path)));
                } catch (IOException e) {
                    // Gone or being replaced between list and read: the next poll sees it settled.
                }
            });
        } catch (IOException e) {
            LOG.warn("Workflow folder {} could not be read: {}", folder, e.toString());
        }
        return files;
    }

    private static boolean isModel(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".bpmn") || name.endsWith(".dmn");
    }

    /**
     * A digest of the file's content: unlike its modification time it sees every change, however close
     * together two saves are, and none where an editor rewrote the same bytes.
     */
    private record Signature(String sha256) {

        static Signature of(byte[] content) {
            try {
                return new Signature(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }
    }
}
