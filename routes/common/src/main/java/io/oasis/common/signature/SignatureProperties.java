package io.oasis.common.signature;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code oasis.signatures.*}: how the record of used signatures is kept small. */
@ConfigurationProperties("oasis.signatures")
public class SignatureProperties {

    /** How often expired used signatures are deleted. */
    private Duration cleanupInterval = Duration.ofMinutes(1);
    /** How many rows one DELETE removes at most. */
    private int cleanupBatchSize = 500;

    public Duration getCleanupInterval() {
        return cleanupInterval;
    }

    public void setCleanupInterval(Duration cleanupInterval) {
        this.cleanupInterval = cleanupInterval;
    }

    public int getCleanupBatchSize() {
        return cleanupBatchSize;
    }

    public void setCleanupBatchSize(int cleanupBatchSize) {
        this.cleanupBatchSize = cleanupBatchSize;
    }
}
