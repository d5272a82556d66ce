package io.oasis.common.testapp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import io.oasis.common.correlation.CorrelationId;
import io.oasis.common.events.ReceivedEvent;

/** What the test consumers did: effects per event id, attempts per event id, correlation ids seen in the MDC. */
@Component
public class EffectLog {

    private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<String> correlationIds = new CopyOnWriteArrayList<>();

    public void record(ReceivedEvent event) {
        attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        correlationIds.add(String.valueOf(MDC.get(CorrelationId.MDC_KEY)));
        Map<?, ?> data = event.data(Map.class);
        if (Boolean.TRUE.equals(data.get("fail"))) {
            throw new IllegalStateException("cannot handle event " + event.id());
        }
        // Fails its first n attempts, then succeeds: a handler whose database was away for a while.
        if (data.get("failAttempts") instanceof Number failures && attempts(event.id()) <= failures.intValue()) {
            throw new IllegalStateException("not yet able to handle event " + event.id());
        }
        effects.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    public int effects(String eventId) {
        AtomicInteger count = effects.get(eventId);
        return count == null ? 0 : count.get();
    }

    public int attempts(String eventId) {
        AtomicInteger count = attempts.get(eventId);
        return count == null ? 0 : count.get();
    }

    public List<String> correlationIds() {
        return correlationIds;
    }
}
