package io.oasis.common.metrics;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * camel-kafka's clients, each with Micrometer's {@link KafkaClientMetrics} bound (consumer lag, fetch and send
 * rates, errors); a consumer's meters carry its group, so lag reads per group. camel-kafka has no Micrometer
 * binding of its own; {@link MetricsAutoConfiguration} hands this factory to the kafka component. The clients
 * are returned as made (camel-kafka's health check looks inside them); the meters of a client closed on a
 * reconnect disappear at the binder's next check, on one shared daemon thread. The registry is looked up when
 * the first client is made.
 */
public class MeteredKafkaClientFactory extends DefaultKafkaClientFactory {

    private final Supplier<MeterRegistry> meters;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "oasis-metrics-kafka");
        thread.setDaemon(true);
        return thread;
    });

    public MeteredKafkaClientFactory(Supplier<MeterRegistry> meters) {
        this.meters = meters;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Producer getProducer(Properties properties) {
        Producer<?, ?> producer = super.getProducer(properties);
        new KafkaClientMetrics(producer, List.of(), checks).bindTo(meters.get());
        return producer;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Consumer getConsumer(Properties properties) {
        Consumer<?, ?> consumer = super.getConsumer(properties);
        String group = properties.getProperty(ConsumerConfig.GROUP_ID_CONFIG, "none");
        new KafkaClientMetrics(consumer, List.of(Tag.of("group", group)), checks).bindTo(meters.get());
        return consumer;
    }
}
