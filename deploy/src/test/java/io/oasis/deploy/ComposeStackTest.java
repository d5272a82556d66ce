package io.oasis.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compose stack for real: docker/compose-test.sh builds the images, starts docker-compose.yml with
 * podman-compose, runs the journey through the gateway, scales the order service to two and tears it all
 * down (see the script). Its progress is printed as it goes.
 */
class ComposeStackTest {

    @Test
    void theComposeStackRunsTheJourneyAndScalesOut() throws Exception {
        Process test = new ProcessBuilder(Repository.path("docker/compose-test.sh").toString())
                .directory(Repository.ROOT.toFile()).redirectErrorStream(true).start();
        // Its progress, line by line, through this JVM's output (which the build shows).
        Thread progress = new Thread(() -> new BufferedReader(new InputStreamReader(test.getInputStream(), StandardCharsets.UTF_8))
                .lines().forEach(System.out::println), "compose-test-output");
        progress.start();
        boolean finished = test.waitFor(30, TimeUnit.MINUTES);
        if (!finished) {
            // The script's own trap tears the stack down on TERM.
            test.destroy();
            test.waitFor(2, TimeUnit.MINUTES);
        }

        progress.join(Duration.ofMinutes(1).toMillis());
        assertThat(finished).as("the compose test finished within 30 minutes").isTrue();
        assertThat(test.exitValue()).as("the compose test's exit code (its output above says why)").isZero();
    }
}
