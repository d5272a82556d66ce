package io.oasis.faults.report;

import io.oasis.faults.scenario.FaultContext.Note;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The results file a user reads: a table per scenario, its probes' notes, its findings and its plot. */
public final class ResultsReport {

    /** Findings listed per scenario; the rest are counted. */
    private static final int FINDINGS_SHOWN = 20;

    private ResultsReport() {
    }

    public static Path write(Path file, String title, String settings, List<ScenarioResult> results)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(settings).append("\n\n");
        md.append("Lost: acknowledged (2xx) and not delivered after the system settled. Duplicated: a status change, ")
                .append("event, or SMS more than once where the design promises once. At least once: copies a ")
                .append("receiver drops by id (event id, Message-ID, webhook-id), counted apart. Stuck: incidents, ")
                .append("dead letters, unpublished events, deliveries given up or not retried. Recovery: seconds ")
                .append("from the fault's end until orders are accepted at 90 % of the rate before it.\n\n");
        md.append("| scenario | result | acknowledged | completed | lost | duplicated | at least once | stuck | ")
                .append("recovery s |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult result : results) {
            if (result.verdict() == null) {
                md.append("| ").append(result.name()).append(" | not run | | | | | | | |\n");
                continue;
            }
            var v = result.verdict();
            md.append("| ").append(result.name()).append(" | ").append(result.passed() ? "held" : "**failed**")
                    .append(" | ").append(v.acknowledged()).append(" | ").append(v.completed()).append(" | ")
                    .append(v.lost().size()).append(" | ").append(v.duplicated()).append(" | ")
                    .append(v.atLeastOnce()).append(" | ").append(v.stuck()).append(" | ")
                    .append(result.recoverySeconds().isPresent() ? Long.toString(result.recoverySeconds().getAsLong())
                            : "not recovered")
                    .append(" |\n");
        }
        for (ScenarioResult result : results) {
            md.append("\n## ").append(result.name()).append("\n\n").append(result.description()).append(".\n\n");
            if (result.error() != null) {
                md.append("Could not be completed: ").append(result.error()).append("\n");
                continue;
            }
            md.append("Fault at ").append(seconds(result.start(), result.faultStart())).append(" s, healed at ")
                    .append(seconds(result.start(), result.faultEnd())).append(" s, workload ended at ")
                    .append(seconds(result.start(), result.end())).append(" s; ")
                    .append(result.settled() ? "settled" : "**did not settle before the deadline**").append(".\n\n");
            for (Note note : result.notes()) {
                md.append("- ").append(note.held() ? "held: " : "**failed**: ").append(note.text()).append("\n");
            }
            List<String> findings = result.verdict().findings();
            if (!findings.isEmpty()) {
                md.append("\nFindings:\n\n");
                findings.stream().limit(FINDINGS_SHOWN).forEach(line -> md.append("- ").append(line).append("\n"));
                if (findings.size() > FINDINGS_SHOWN) {
                    md.append("- and ").append(findings.size() - FINDINGS_SHOWN).append(" more\n");
                }
            }
            if (result.chart() != null) {
                md.append("\n![throughput and errors of ").append(result.name()).append("](")
                        .append(file.getParent().relativize(result.chart())).append(")\n");
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md);
        return file;
    }

    private static long seconds(java.time.Instant from, java.time.Instant to) {
        return Duration.between(from, to).toSeconds();
    }
}
