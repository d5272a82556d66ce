package io.oasis.faults.report;

import io.oasis.faults.check.Verdict;
import io.oasis.faults.scenario.FaultContext.Note;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One scenario's run: its counts, how long throughput took to recover, what its probes found, its plot.
 *
 * @param settled   whether every acknowledged order ended before the settle deadline
 * @param error     why the run could not be completed or checked, null when it was
 */
public record ScenarioResult(String name, String description, Instant start, Instant faultStart, Instant faultEnd,
        Instant end, Verdict verdict, OptionalLong recoverySeconds, boolean settled, List<Note> notes, Path chart,
        String error) {

    /** Every count at its target and every probe held. */
    public boolean passed() {
        return error == null && verdict != null && verdict.holds() && notes.stream().allMatch(Note::held);
    }
}
