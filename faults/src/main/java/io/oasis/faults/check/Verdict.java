package io.oasis.faults.check;

import io.oasis.faults.check.Observations.PublishedEvent;
import io.oasis.faults.check.Observations.Sms;
import io.oasis.faults.check.Observations.StatusChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The counts of one run, from what the checker observed.
 *
 * @param duplicated     effects the design promises once that happened more than once: a status change recorded
 *                       twice, one change published as two events (two ids), an SMS sent twice
 * @param atLeastOnce    copies the receiver can drop by their id: an event id read twice, a mail's Message-ID twice,
 *                       a webhook's {@code webhook-id} twice, a partner call with the same {@code Idempotency-Key}
 * @param findings       one line per lost order, duplicate and stuck item, for the report
 */
public record Verdict(int acknowledged, int completed, List<UUID> lost, int duplicated, int atLeastOnce,
        int stuck, List<String> findings) {

    public static Verdict of(Observations seen) {
        List<String> findings = new ArrayList<>();

        List<UUID> lost = new ArrayList<>();
        int completed = 0;
        for (UUID order : seen.acknowledged()) {
            String status = seen.orderStatus().get(order);
            if (Observations.COMPLETED.equals(status)) {
                completed++;
            } else {
                lost.add(order);
                findings.add("lost: order " + order + (status == null ? " is not in the order database"
                        : " acknowledged, ended " + status));
            }
        }

        int duplicated = 0;
        for (var repeated : repeats(seen.statusChanges(), Function.identity()).entrySet()) {
            duplicated += repeated.getValue() - 1;
            findings.add("duplicated: order " + repeated.getKey().orderId() + " changed to "
                    + repeated.getKey().toStatus() + " " + repeated.getValue() + " times");
        }
        Map<String, Set<String>> idsPerChange = new HashMap<>();
        for (PublishedEvent event : seen.events()) {
            idsPerChange.computeIfAbsent(event.aggregateId() + " " + event.type(), k -> new HashSet<>())
                    .add(event.eventId());
        }
        for (var change : idsPerChange.entrySet()) {
            if (change.getValue().size() > 1) {
                duplicated += change.getValue().size() - 1;
                findings.add("duplicated: " + change.getKey() + " published as " + change.getValue().size()
                        + " events " + change.getValue());
            }
        }
        Map<Sms, Integer> expectedSms = counts(seen.smsNotifications());
        for (var sent : counts(seen.smsRequests()).entrySet()) {
            int extra = sent.getValue() - expectedSms.getOrDefault(sent.getKey(), 0);
            if (extra > 0) {
                duplicated += extra;
                findings.add("duplicated: SMS to " + sent.getKey().to() + " sent " + sent.getValue() + " times for "
                        + expectedSms.getOrDefault(sent.getKey(), 0) + " in the delivery log");
            }
        }

        int atLeastOnce = 0;
        atLeastOnce += extras("event id read again", repeats(seen.events(), PublishedEvent::eventId), findings);
        atLeastOnce += extras("mail Message-ID received again", repeats(seen.mailIds(), Function.identity()), findings);
        atLeastOnce += extras("webhook-id received again", repeats(seen.webhookIds(), Function.identity()), findings);
        atLeastOnce += extras("partner called again with Idempotency-Key",
                repeats(seen.partnerCallKeys(), Function.identity()), findings);

        for (Observations.Stuck item : seen.stuck()) {
            findings.add("stuck: " + item.kind() + ": " + item.detail());
        }
        return new Verdict(seen.acknowledged().size(), completed, List.copyOf(lost), duplicated, atLeastOnce,
                seen.stuck().size(), List.copyOf(findings));
    }

    /** True when nothing acknowledged was lost, nothing promised once happened twice, and nothing is stuck. */
    public boolean holds() {
        return lost.isEmpty() && duplicated == 0 && stuck == 0;
    }

    private static int extras(String what, Map<String, Integer> repeated, List<String> findings) {
        int extra = 0;
        for (var entry : repeated.entrySet()) {
            extra += entry.getValue() - 1;
            findings.add("at least once: " + what + ": " + entry.getKey() + " x" + entry.getValue());
        }
        return extra;
    }

    /** The keys seen more than once, with how often. */
    private static <T, K> Map<K, Integer> repeats(Collection<T> items, Function<T, K> key) {
        return counts(items.stream().map(key).toList()).entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static <K> Map<K, Integer> counts(Collection<K> items) {
        Map<K, Integer> counts = new HashMap<>();
        for (K item : items) {
            counts.merge(item, 1, Integer::sum);
        }
        return counts;
    }
}
