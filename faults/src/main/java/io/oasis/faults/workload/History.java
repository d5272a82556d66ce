package io.oasis.faults.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Every request the workload made and the answer it got, kept in memory for the checker and written line by line
 * to {@code history.csv} in the run's folder as it happens, so a run that dies still leaves its record.
 */
public final class History implements AutoCloseable {

    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final BufferedWriter file;

    private History(BufferedWriter file) {
        this.file = file;
    }

    /** A history recorded to {@code csv} (created or replaced). */
    public static History recordingTo(Path csv) {
        try {
            Files.createDirectories(csv.getParent());
            BufferedWriter writer = Files.newBufferedWriter(csv);
            writer.write(Exchange.HEADER);
            writer.newLine();
            return new History(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A history kept in memory only (tests). */
    public static History inMemory() {
        return new History(null);
    }

    /** The history a run wrote. */
    public static History read(Path csv) {
        History history = inMemory();
        try (var lines = Files.lines(csv)) {
            lines.skip(1).filter(line -> !line.isBlank()).map(Exchange::parse).forEach(history::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return history;
    }

    public void add(Exchange exchange) {
        exchanges.add(exchange);
        if (file != null) {
            synchronized (file) {
                try {
                    file.write(exchange.csv());
                    file.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The orders whose creation was answered with a 2xx: what the system promised to complete. */
    public Set<UUID> acknowledgedOrders() {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Exchange exchange : exchanges()) {
            if (exchange.operation() == Operation.PLACE_ORDER && exchange.succeeded() && exchange.orderId() != null) {
                ids.add(exchange.orderId());
            }
        }
        return ids;
    }

    @Override
    public void close() {
        if (file != null) {
            synchronized (file) {
                try {
                    file.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
