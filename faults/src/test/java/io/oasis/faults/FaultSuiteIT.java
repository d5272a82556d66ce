package io.oasis.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.report.ScenarioResult;
import io.oasis.faults.workload.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fault suite's short set, as CI runs it: the two-node deployment brought up through
 * {@code faults/deployment.sh}, then two one-minute scenarios under the workload (an order node killed with -9, and
 * the Kafka broker leading the order events killed), each of which must lose no acknowledged order, do nothing
 * twice that is promised once, and leave nothing stuck. The deployment is torn down afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {

    private static final Path FAULTS = Path.of("").toAbsolutePath();
    private static final Path ROOT = FAULTS.getParent();

    private FaultSuite suite;
    private Path report;
    private List<ScenarioResult> results;

    @BeforeAll
    void deploymentUp() throws Exception {
        deployment("up", 40);
        Deployment file = Deployment.read(FAULTS.resolve("target/deployment.env"));
        // One minute each, at a rate two cores carry beside the whole deployment.
        Deployment deployment = file.with(Map.of("FAULTS_DURATION_SECONDS", "60",
                "FAULTS_RATE", file.get("FAULTS_CI_RATE", "3"), "FAULTS_SETTLE_SECONDS", "240"));
        suite = new FaultSuite(deployment, FaultSuite.settings(deployment), FAULTS.resolve("target/results"));
        results = suite.run(List.of("order-node-kill", "kafka-broker-kill"));
        report = suite.report(results);
    }

    @AfterAll
    void deploymentDown() throws Exception {
        deployment("down", 10);
    }

    @Test
    void anOrderNodeKilledLosesNothingAndDoesNothingTwice() {
        assertHeld(results.get(0));
    }

    @Test
    void aKafkaLeaderKilledLosesNothingAndDoesNothingTwice() {
        assertHeld(results.get(1));
    }

    @Test
    void theResultsFileHasATableAndAPlotPerScenario() throws Exception {
        String text = Files.readString(report);
        assertThat(text).contains("| order-node-kill |", "| kafka-broker-kill |");
        for (ScenarioResult result : results) {
            assertThat(result.chart()).isNotNull();
            assertThat(Files.size(result.chart())).isPositive();
        }
    }

    private void assertHeld(ScenarioResult result) {
        assertThat(result.error()).as(result.name() + " ran to its end").isNull();
        assertThat(result.verdict().acknowledged()).as(result.name() + ": orders acknowledged").isPositive();
        assertThat(result.verdict().lost()).as(result.name() + ": lost orders, see " + report).isEmpty();
        assertThat(result.verdict().duplicated()).as(result.name() + ": duplicates where once is promised, see "
                + report).isZero();
        assertThat(result.verdict().stuck()).as(result.name() + ": stuck items, see " + report).isZero();
        assertThat(result.settled()).as(result.name() + " settled").isTrue();
    }

    private static void deployment(String command, int minutes) throws Exception {
        Process process = new ProcessBuilder("faults/deployment.sh", command).directory(ROOT.toFile()).inheritIO()
                .start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("faults/deployment.sh " + command + " took longer than " + minutes
                    + " minutes");
        }
        assertThat(process.exitValue()).as("faults/deployment.sh " + command).isZero();
    }
}
