package io.oasis.common.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code oasis.outbox.*}: how the relay polls. Kafka producer settings are {@code camel.component.kafka.*}. */
@ConfigurationProperties("oasis.outbox")
public class OutboxProperties {

    /** How often the relay looks for unpublished rows. */
    private Duration pollInterval = Duration.ofMillis(500);
    /** How many rows one poll sends at most. */
    private int batchSize = 100;
    /** Whether this node runs the relay route (the writer works either way). */
    private boolean relayEnabled = true;
    /** Extra camel-kafka endpoint options for the relay's producer, e.g. {@code brokers=host:9092}. */
    private String kafkaOptions = "";

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public boolean isRelayEnabled() {
        return relayEnabled;
    }

    public void setRelayEnabled(boolean relayEnabled) {
        this.relayEnabled = relayEnabled;
    }

    public String getKafkaOptions() {
        return kafkaOptions;
    }

    public void setKafkaOptions(String kafkaOptions) {
        this.kafkaOptions = kafkaOptions;
    }
}
