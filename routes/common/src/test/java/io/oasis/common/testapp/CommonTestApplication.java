package io.oasis.common.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.oasis.common.consumer.EventConsumerRoute;

/** A tiny service that uses the shared kernel the way real services do. */
@SpringBootApplication
public class CommonTestApplication {

    public static final String DEDUPE_TOPIC = "test.dedupe";
    public static final String FAILING_TOPIC = "test.failing";
    public static final String SAMPLE_TOPIC = "test.sample.events";
    /** Only the dead-letter tests write here, so they count their consumer's letters alone. */
    public static final String DEAD_LETTER_TOPIC = "test.dead.letters";

    @Bean
    EventConsumerRoute dedupeConsumer(EffectLog effects) {
        return new EventConsumerRoute("test-dedupe-consumer", DEDUPE_TOPIC, "common-test", effects::record);
    }

    @Bean
    EventConsumerRoute failingConsumer(EffectLog effects) {
        return new EventConsumerRoute("test-failing-consumer", FAILING_TOPIC, "common-test", effects::record);
    }

    @Bean
    EventConsumerRoute deadLetterConsumer(EffectLog effects) {
        return new EventConsumerRoute("test-dead-letter-consumer", DEAD_LETTER_TOPIC, "common-test", effects::record);
    }
}
