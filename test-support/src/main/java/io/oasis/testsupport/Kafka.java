package io.oasis.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real, embedded KRaft Kafka broker per test JVM (one module run), started on first use and
 * stopped when the JVM exits. Topics are created on first use by the broker.
 *
 * <p>A Spring Boot test gets it with {@link RealParts}.
 * A test that needs a broker of its own (for example one that comes up late) uses
 * {@link #freePort()} and {@link #startBroker(int)} and destroys that broker itself.
 */
public final class Kafka {

    private static EmbeddedKafkaKraftBroker shared;

    private Kafka() {
    }

    /** Bootstrap servers of the shared broker ({@code 127.0.0.1:port}); starts it on the first call. */
    public static synchronized String bootstrapServers() {
        if (shared == null) {
            shared = startBroker(freePort());
            EmbeddedKafkaKraftBroker broker = shared;
            // Stopped once the Spring contexts using it are closed, not while their consumers still run.
            SpringApplication.getShutdownHandlers().add(broker::destroy);
        }
        return shared.getBrokersAsString();
    }

    /**
     * Starts a separate single-node broker on the given loopback port with the given topics (one
     * partition each); the caller calls {@code destroy()}.
     */
    public static EmbeddedKafkaKraftBroker startBroker(int port, String... topics) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, topics);
        // EmbeddedKafkaKraftBroker ignores kafkaPorts(..) in KRaft mode, so the listener is set directly.
        broker.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + freePort());
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + port);
        broker.brokerProperty("auto.create.topics.enable", "true");
        // Small and quick: tests only, one node.
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("log.flush.interval.messages", "1");
        broker.afterPropertiesSet();
        return broker;
    }

    /** A loopback port that is free right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
