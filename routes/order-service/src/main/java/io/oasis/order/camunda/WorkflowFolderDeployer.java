package io.oasis.order.camunda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The analysts' loop: polls a folder of BPMN and DMN files and deploys each file saved there as a new
 * version, so a change made in Camunda Modeler runs within seconds without a restart.
 * <p>
 * Each file is its own deployment, named after the file; a save that leaves it the same as the version serving
 * creates no version. Running instances stay on the version they started with; new ones start
 * the latest. Whether a deployment went live, and why not, is reported by the engine's deployment log
 * ({@code io.oasis.order.workflow.DeploymentLog}) for every way a model arrives; the previous version keeps
 * serving a refused file.
 * <p>
 * One source of truth: at start and on every change, each file is compared, by content, with the latest
 * deployed version of each process or decision it defines, whatever deployed it. At start a file that differs
 * from a version this folder or the packaged files deployed is deployed (it was edited while the service was
 * down); one that differs from a version deployed another way (Camunda Modeler through engine-rest) is
 * reported, and so is every such deployment made while the folder is watched. With write-back on (the
 * launcher's setting) the deployed model is then written into the file, so the folder holds what runs.
 * <p>
 * Polling rather than a {@code WatchService}: it behaves the same on every file system (mounted
 * folders included), and a file is deployed only once its content has been the same in two polls in a row, so
 * an editor still writing it is never deployed half-written.
 */
public class WorkflowFolderDeployer implements AutoCloseable {

    static final String SOURCE = "oasis workflow folder";

    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /** Namespace-aware, no external entities: only the ids of processes and decisions are read. */
    private static final ThreadLocal<DocumentBuilder> XML = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowFolderDeployer.class);

    private final RepositoryService repository;
    private final Path folder;
    private final Duration interval;
    private final boolean writeBack;
    /** What each file looked like at the previous poll. */
    private final Map<Path, Signature> seen = new HashMap<>();
    /** What each file looked like when it was last deployed, refused or written back. */
    private final Map<Path, Signature> handled = new HashMap<>();
    /** The latest definition of each of a file's keys when the file was last compared with the engine. */
    private final Map<Path, Set<String>> compared = new HashMap<>();
    private ScheduledExecutorService poller;

    public WorkflowFolderDeployer(RepositoryService repository, Path folder, Duration interval, boolean writeBack) {
        this.repository = repository;
        this.folder = folder.toAbsolutePath().normalize();
        this.interval = interval;
        this.writeBack = writeBack;
    }

    /** Compares every file with what the engine serves (see the class comment), then starts polling. */
    public synchronized void start() {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Workflow folder {} does not exist: changes to processes are not deployed until restart", folder);
            return;
        }
        for (Map.Entry<Path, Signature> file : scan().entrySet()) {
            seen.put(file.getKey(), file.getValue());
            handled.put(file.getKey(), file.getValue());
            reconcile(file.getKey(), true);
        }
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "workflow-folder-deployer");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Deploying changes to the *.bpmn and *.dmn files of {} as they are saved{}", folder,
                writeBack ? "; deployments from elsewhere are written back to them" : "");
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
                compared.put(path, latestIds(path));
            } else if (settled) {
                reconcile(path, false);
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    /**
     * Compares the file with the latest deployed version of each key it defines. At start a difference from a
     * version of ours is the file's newer content, so it is deployed; otherwise only a new version deployed
     * another way is looked at: reported, and written back with write-back on.
     */
    private void reconcile(Path file, boolean atStart) {
        Set<String> ids = latestIds(file);
        if (!atStart && ids.equals(compared.get(file))) {
            return;
        }
        compared.put(file, ids);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return; // gone or being replaced: the next poll sees it
        }
        List<ResourceDefinition> definitions = latestDefinitions(content);
        List<ResourceDefinition> differing = new ArrayList<>();
        for (ResourceDefinition definition : definitions) {
            if (!Arrays.equals(content, deployedContent(definition))) {
                differing.add(definition);
            }
        }
        String name = file.getFileName().toString();
        if (definitions.isEmpty() && atStart) {
            deploy(file); // never deployed (or unreadable: the engine says why)
            compared.put(file, latestIds(file));
            return;
        }
        if (differing.isEmpty()) {
            return;
        }
        ResourceDefinition elsewhere = differing.stream().filter(definition -> !isOurs(definition)).findFirst().orElse(null);
        if (elsewhere == null) {
            if (atStart) {
                LOG.info("Workflow {} differs from the version serving: deploying it", name);
                deploy(file);
                compared.put(file, latestIds(file));
            }
            return;
        }
        Deployment deployment = repository.createDeploymentQuery().deploymentId(elsewhere.getDeploymentId()).singleResult();
        String how = elsewhere.getKey() + " version " + elsewhere.getVersion() + " deployed by "
                + (deployment.getSource() == null ? "engine-rest" : deployment.getSource()) + " at "
                + deployment.getDeploymentTime().toInstant();
        if (!writeBack) {
            LOG.warn("Workflow {} differs from what runs: {}; the file is not what serves new orders", name, how);
            return;
        }
        byte[] deployed = deployedContent(elsewhere);
        try {
            Files.write(file, deployed);
            Signature written = Signature.of(deployed);
            handled.put(file, written);
            seen.put(file, written);
            LOG.warn("Workflow {} written back from {}, so the folder holds what runs", name, how);
        } catch (IOException e) {
            LOG.warn("Workflow {} differs from what runs ({}) and could not be written back: {}", name, how, e.toString());
        }
    }

    /** Deployed by this folder or from the packaged files at start-up (which name no source). */
    private boolean isOurs(ResourceDefinition definition) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        return deployment == null || deployment.getSource() == null || SOURCE.equals(deployment.getSource());
    }

    /** The ids of the latest definitions of the file's keys: they change when anything deploys a new version. */
    private Set<String> latestIds(Path file) {
        try {
            return latestDefinitions(Files.readAllBytes(file)).stream().map(ResourceDefinition::getId)
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The latest deployed version of each process (executable) or decision the file defines. */
    private List<ResourceDefinition> latestDefinitions(byte[] content) {
        List<ResourceDefinition> definitions = new ArrayList<>();
        try {
            Document document = XML.get().parse(new ByteArrayInputStream(content));
            NodeList processes = document.getElementsByTagNameNS(BPMN_NS, "process");
            for (int i = 0; i < processes.getLength(); i++) {
                Element process = (Element) processes.item(i);
                if (!"false".equals(process.getAttribute("isExecutable"))) {
                    ProcessDefinition latest = repository.createProcessDefinitionQuery()
                            .processDefinitionKey(process.getAttribute("id")).latestVersion().singleResult();
                    if (latest != null) {
                        definitions.add(latest);
                    }
                }
            }
            NodeList decisions = document.getElementsByTagNameNS("*", "decision");
            for (int i = 0; i < decisions.getLength(); i++) {
                Element decision = (Element) decisions.item(i);
                if (decision.getNamespaceURI() != null && decision.getNamespaceURI().contains("DMN")) {
                    DecisionDefinition latest = repository.createDecisionDefinitionQuery()
                            .decisionDefinitionKey(decision.getAttribute("id")).latestVersion().singleResult();
                    if (latest != null) {
                        definitions.add(latest);
                    }
                }
            }
        } catch (SAXException | IOException e) {
            // Not well-formed (yet): it is deployed when it settles, and the engine says what is wrong.
        }
        return definitions;
    }

    private byte[] deployedContent(ResourceDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deploys the file unless every process and decision it defines already serves with exactly this content,
     * whatever deployed it (the engine's duplicate filter would compare only with this folder's own earlier
     * deployment of the file).
     */
    private void deploy(Path file) {
        String name = file.getFileName().toString();
        try {
            byte[] content = Files.readAllBytes(file);
            List<ResourceDefinition> serving = latestDefinitions(content);
            if (!serving.isEmpty() && serving.stream().allMatch(definition -> Arrays.equals(content, deployedContent(definition)))) {
                LOG.info("Workflow {} is the same as the version serving: no new version", name);
                return;
            }
            repository.createDeployment().name(name).source(SOURCE).addInputStream(name, new ByteArrayInputStream(content))
                    .deployWithResult();
        } catch (IOException e) {
            LOG.warn("Workflow {} could not be read, not deployed: {}", name, e.toString());
        } catch (ProcessEngineException e) {
            // Refused by a model check or the engine's parser: the deployment log has said where and why.
            LOG.debug("Workflow {} refused", name, e);
        }
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
