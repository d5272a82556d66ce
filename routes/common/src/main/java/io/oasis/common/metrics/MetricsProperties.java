package io.oasis.common.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code oasis.metrics.*}: how the operational gauges are kept fresh. */
@ConfigurationProperties("oasis.metrics")
public class MetricsProperties {

    /**
     * How often the gauges read from the database (outbox backlog, dead letters, incidents) are refreshed.
     * Well under the alerts' {@code for:} durations, and a few cheap queries a minute per node.
     */
    private Duration refreshInterval = Duration.ofSeconds(15);

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
