package io.oasis.common.consumer;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code oasis.consumer.*}: retries and duplicate detection of the event consumers. */
@ConfigurationProperties("oasis.consumer")
public class ConsumerProperties {

    /** Redeliveries after the first failure before a record is dead-lettered. */
    private int maximumRedeliveries = 5;
    /** Delay before the first redelivery in milliseconds; it doubles each time. */
    private long redeliveryDelay = 1000;
    /** Longest delay between redeliveries in milliseconds. */
    private long maximumRedeliveryDelay = 30_000;
    /** An unconfirmed event id older than this was left by a crashed node and is processed again. */
    private Duration lockMaxAge = Duration.ofMinutes(5);
    /** How often a node refreshes the ids it is processing (well below lockMaxAge). */
    private Duration lockKeepAlive = Duration.ofSeconds(30);
    /**
     * Event types that are never dead-lettered: after the retries the record is read again from Kafka,
     * and again, until its handler succeeds. An erasure must not end up as a row nobody acts on.
     */
    private List<String> retriedUntilHandled = List.of("CustomerErased");

    public int getMaximumRedeliveries() {
        return maximumRedeliveries;
    }

    public void setMaximumRedeliveries(int maximumRedeliveries) {
        this.maximumRedeliveries = maximumRedeliveries;
    }

    public long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    public void setRedeliveryDelay(long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public long getMaximumRedeliveryDelay() {
        return maximumRedeliveryDelay;
    }

    public void setMaximumRedeliveryDelay(long maximumRedeliveryDelay) {
        this.maximumRedeliveryDelay = maximumRedeliveryDelay;
    }

    public Duration getLockMaxAge() {
        return lockMaxAge;
    }

    public void setLockMaxAge(Duration lockMaxAge) {
        this.lockMaxAge = lockMaxAge;
    }

    public Duration getLockKeepAlive() {
        return lockKeepAlive;
    }

    public void setLockKeepAlive(Duration lockKeepAlive) {
        this.lockKeepAlive = lockKeepAlive;
    }

    public List<String> getRetriedUntilHandled() {
        return retriedUntilHandled;
    }

    public void setRetriedUntilHandled(List<String> retriedUntilHandled) {
        this.retriedUntilHandled = List.copyOf(retriedUntilHandled);
    }
}
