package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.workload.Exchange;
import io.oasis.faults.workload.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recovery seconds on a recorded shape: 4 orders a second, none during a fault, a slow climb back after it. */
class RecoveryTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void countsFromTheFaultsEndToTheFirstSteadyStretchAtTheNormalRate() {
        // 0-29 s: 4/s; 30-39 s (the fault): 0/s; 40-44 s: 1/s; from 45 s: 4/s again.
        List<Exchange> history = new ArrayList<>();
        for (int second = 0; second < 90; second++) {
            int rate = second < 30 ? 4 : second < 40 ? 0 : second < 45 ? 1 : 4;
            for (int i = 0; i < rate; i++) {
                history.add(accepted(second, i));
            }
            if (second >= 30 && second < 40) {
                history.add(new Exchange(at(second, 0), "g", Operation.PLACE_ORDER, Exchange.NO_ANSWER, null, 10_000));
            }
        }

        assertThat(Recovery.seconds(history, START, at(30, 0), at(40, 0), at(90, 0))).hasValue(5);
        assertThat(Recovery.errorsPerSecond(history, START, at(90, 0))[35]).isEqualTo(1);
    }

    @Test
    void throughputThatNeverComesBackHasNoRecoveryTime() {
        List<Exchange> history = new ArrayList<>();
        for (int second = 0; second < 30; second++) {
            history.add(accepted(second, 0));
        }

        assertThat(Recovery.seconds(history, START, at(30, 0), at(40, 0), at(90, 0))).isEmpty();
    }

    private static Exchange accepted(int second, int index) {
        return new Exchange(at(second, index), "g", Operation.PLACE_ORDER, 201, UUID.randomUUID(), 30);
    }

    private static Instant at(int second, int index) {
        return START.plusSeconds(second).plusMillis(index * 100L);
    }
}
