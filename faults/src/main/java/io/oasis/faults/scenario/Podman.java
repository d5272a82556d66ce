package io.oasis.faults.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Faults injected from outside the containers, with the container tool an operator would use. */
public final class Podman {

    private static final Logger LOG = LoggerFactory.getLogger(Podman.class);

    /** A process killed at once, as by the OOM killer or a crashed host: no shutdown hook runs. */
    public void kill(String container) {
        run("kill", "--signal", "KILL", container);
    }

    public void stop(String container) {
        run("stop", "--time", "10", container);
    }

    public void start(String container) {
        run("start", container);
    }

    /** Frozen as in a long garbage collection: the process keeps its state and locks but does nothing. */
    public void pause(String container) {
        run("pause", container);
    }

    public void unpause(String container) {
        run("unpause", container);
    }

    public void disconnect(String network, String container) {
        run("network", "disconnect", network, container);
    }

    public void connect(String network, String container) {
        run("network", "connect", network, container);
    }

    private void run(String... arguments) {
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
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run podman", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
