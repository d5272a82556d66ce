package io.oasis.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refusals are logged as a rate: an address's first in an interval in full, the rest as one count. */
class RefusalRateTest {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RefusalRate refusals;

    @BeforeEach
    void setUp() {
        Logger log = new LoggerContext().getLogger("refusals");
        lines.start();
        log.addAppender(lines);
        refusals = new RefusalRate(log, Duration.ofSeconds(10));
    }

    @Test
    void aFloodFromOneAddressIsOneFullLineAndOneCountPerInterval() {
        List<Boolean> first = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(refusals.first("203.0.113.7", i < 10 ? 401 : 429));
        }
        refusals.flush();

        assertThat(first.stream().filter(Boolean::booleanValue)).as("logged in full").hasSize(1);
        assertThat(first.get(0)).isTrue();
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage())
                .isEqualTo("999 more refusals from 203.0.113.7 in 10 s: {401=9, 429=990}");

        // A new interval starts afresh, and a quiet one writes nothing.
        assertThat(refusals.first("203.0.113.7", 401)).isTrue();
        refusals.flush();
        refusals.flush();
        assertThat(lines.list).hasSize(1);
    }

    @Test
    void eachAddressHasItsOwnCount() {
        for (int i = 0; i < 3; i++) {
            refusals.first("203.0.113.7", 401);
            refusals.first("198.51.100.9", 403);
        }
        refusals.flush();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                "2 more refusals from 203.0.113.7 in 10 s: {401=2}",
                "2 more refusals from 198.51.100.9 in 10 s: {403=2}");
    }

    @Test
    void pastTheLimitOfAddressesTheRestShareOneLine() {
        for (int i = 0; i < RefusalRate.MAX_ADDRESSES + 500; i++) {
            refusals.first("10.0." + (i / 250) + "." + (i % 250), 401);
        }
        refusals.flush();

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("500 more refusals from other addresses in 10 s: {401=500}");
    }
}
