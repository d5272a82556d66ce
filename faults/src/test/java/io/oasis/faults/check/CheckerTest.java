package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What earlier runs left in a mailbox or journal is not counted again for this run. */
class CheckerTest {

    @Test
    void countsOnlyWhatArrivedSinceTheBaselineCopiesIncluded() {
        List<String> before = List.of("<a>", "<b>");
        List<String> now = List.of("<a>", "<b>", "<b>", "<c>");

        assertThat(Checker.minus(now, before)).containsExactly("<b>", "<c>");
    }
}
