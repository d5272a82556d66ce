package io.oasis.faults.scenario;

import java.time.Duration;

/**
 * One named fault: what breaks, when, for how long, and how it heals, under the steady workload.
 *
 * @param faultLength how long after its injection the fault is healed
 */
public record Scenario(String name, String description, Duration faultLength, Fault fault) {

    /** The action that breaks something and the one that heals it; notes go to the report. */
    public interface Fault {
        void inject(FaultContext context) throws Exception;

        void heal(FaultContext context) throws Exception;
    }
}
