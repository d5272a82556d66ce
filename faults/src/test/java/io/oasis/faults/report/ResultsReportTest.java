package io.oasis.faults.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.check.Verdict;
import io.oasis.faults.scenario.FaultContext.Note;
import io.oasis.faults.workload.Exchange;
import io.oasis.faults.workload.Operation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results file: one table row per scenario with its counts, its probes' notes, findings and plot. */
class ResultsReportTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void writesTheCountsTableNotesFindingsAndAPlot(@TempDir Path results) throws Exception {
        List<Exchange> history = new ArrayList<>();
        for (int second = 0; second < 60; second++) {
            boolean down = second >= 20 && second < 30;
            history.add(new Exchange(START.plusSeconds(second), "g1", Operation.PLACE_ORDER, down ? -1 : 201,
                    down ? null : UUID.randomUUID(), 20));
        }
        Path chart = results.resolve("run/order-node-kill/order-node-kill.png");
        Files.createDirectories(chart.getParent());
        ThroughputChart.write(chart, "order-node-kill", history, START, START.plusSeconds(20), START.plusSeconds(30),
                START.plusSeconds(60));
        UUID lost = UUID.randomUUID();
        Verdict verdict = new Verdict(50, 49, List.of(lost), 0, 2, 0, List.of("lost: order " + lost + " ended PAID"));
        ScenarioResult ran = new ScenarioResult("order-node-kill", "an order node killed", START,
                START.plusSeconds(20), START.plusSeconds(30), START.plusSeconds(60), verdict, OptionalLong.of(4), true,
                List.of(new Note("the partition leader was faults-kafka-2", true)), chart, null);
        ScenarioResult failed = new ScenarioResult("postgres-restart", "PostgreSQL restarted", START, START, START,
                START, null, OptionalLong.empty(), false, List.of(), null, "podman: no such container");

        Path file = ResultsReport.write(results.resolve("run.md"), "Fault suite run", "settings", List.of(ran, failed));

        String text = Files.readString(file);
        assertThat(text).contains("| order-node-kill | **failed** | 50 | 49 | 1 | 0 | 2 | 0 | 4 |",
                "| postgres-restart | not run |", "- held: the partition leader was faults-kafka-2",
                "- lost: order " + lost + " ended PAID", "](run/order-node-kill/order-node-kill.png)",
                "Could not be completed: podman: no such container");
        BufferedImage plot = ImageIO.read(chart.toFile());
        assertThat(plot.getWidth()).isEqualTo(1000);
        assertThat(plot.getHeight()).isEqualTo(420);
    }
}
