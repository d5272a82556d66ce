package io.oasis.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared embedded broker of {@link Kafka} before a test class runs (once per JVM).
 * Use with {@code @ExtendWith(KafkaExtension.class)}; see {@link Kafka} for the properties.
 */
public class KafkaExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Kafka.bootstrapServers();
    }
}
