package io.oasis.faults.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Faults injected from outside the containers, with the container tool an operator would use. */
public final class Podman {

    private static final Logger LOG = LoggerFactory.getLogger(Podman.class);

    private final Map<String, List<String>> aliases = new ConcurrentHashMap<>();

    /** A process killed at once, as by the OOM killer or a crashed host: no shutdown hook runs. */
    public void kill(String container) {
        run("kill", "--signal", "KILL", container);
    }

    /** Stopped (SIGTERM, then SIGKILL after 10 s); several at once, so that a cluster goes down together. */
    public void stop(String... containers) {
        run(concat(List.of("stop", "--time", "10"), containers));
    }

    public void start(String... containers) {
        run(concat(List.of("start"), containers));
    }

    private static String[] concat(List<String> arguments, String... containers) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(containers));
        return all.toArray(String[]::new);
    }

    /** Frozen as in a long garbage collection: the process keeps its state and locks but does nothing. */
    public void pause(String container) {
        run("pause", container);
    }

    public void unpause(String container) {
        run("unpause", container);
    }

    /** Cut off the network; the container's names on it (compose's service name among them) are kept for connect. */
    public void disconnect(String network, String container) {
        String aliases = run("inspect", "--format", "{{range (index .NetworkSettings.Networks \"" + network
                + "\").Aliases}}{{.}} {{end}}", container);
        this.aliases.put(network + " " + container, List.of(aliases.trim().split("\\s+")));
        run("network", "disconnect", network, container);
    }

    /**
     * Back on the network under the names it had: a plain connect gives it only its container name, and the other
     * containers, which reach it by its service name, would not find it again.
     */
    public void connect(String network, String container) {
        List<String> command = new ArrayList<>(List.of("network", "connect"));
        for (String alias : aliases.getOrDefault(network + " " + container, List.of())) {
            if (!alias.isBlank()) {
                command.addAll(List.of("--alias", alias));
            }
        }
        command.addAll(List.of(network, container));
        run(command.toArray(String[]::new));
    }

    private String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(List.of(arguments));
        LOG.info("{}", String.join(" ", command));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 2 minutes");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run podman", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
