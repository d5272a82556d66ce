package io.oasis.faults.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.oasis.faults.check.Observations.PublishedEvent;
import io.oasis.faults.check.Observations.Sms;
import io.oasis.faults.check.Observations.StatusChange;
import io.oasis.faults.check.Observations.Stuck;
import io.oasis.faults.workload.History;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The checker's counts on a recorded history of three acknowledged orders and what the system did with them. */
class VerdictTest {

    private static final UUID FIRST = UUID.fromString("0b6f8a52-54a3-4c2e-9a9e-1f0b7a1e0001");
    private static final UUID SECOND = UUID.fromString("0b6f8a52-54a3-4c2e-9a9e-1f0b7a1e0002");
    private static final UUID THIRD = UUID.fromString("0b6f8a52-54a3-4c2e-9a9e-1f0b7a1e0003");

    private final History history = History.read(recorded("three-orders.csv"));

    @Test
    void onlyOrdersAnsweredTwoHundredSomethingAreAcknowledged() {
        assertThat(history.acknowledgedOrders()).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void aCleanRunHoldsEveryPromise() {
        Verdict verdict = Verdict.of(new Seen().observations());

        assertThat(verdict.acknowledged()).isEqualTo(3);
        assertThat(verdict.completed()).isEqualTo(3);
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.duplicated()).isZero();
        assertThat(verdict.atLeastOnce()).isZero();
        assertThat(verdict.stuck()).isZero();
        assertThat(verdict.holds()).isTrue();
    }

    @Test
    void anAcknowledgedOrderThatNeverCompletedIsLost() {
        Seen seen = new Seen();
        seen.status.put(SECOND, "PAID");
        seen.status.remove(THIRD);

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.completed()).isEqualTo(1);
        assertThat(verdict.lost()).containsExactlyInAnyOrder(SECOND, THIRD);
        assertThat(verdict.holds()).isFalse();
        assertThat(verdict.findings()).anyMatch(line -> line.contains(THIRD + " is not in the order database"));
    }

    @Test
    void aStatusChangeRecordedTwiceIsADuplicate() {
        Seen seen = new Seen();
        seen.changes.add(new StatusChange(FIRST, "PAID"));

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.lost()).isEmpty();
        assertThat(verdict.holds()).isFalse();
    }

    @Test
    void oneChangePublishedUnderTwoIdsIsADuplicateButTheSameIdTwiceIsCountedApart() {
        Seen seen = new Seen();
        seen.events.add(new PublishedEvent(FIRST + "-OrderPaid", FIRST.toString(), "OrderPaid"));
        seen.events.add(new PublishedEvent("another-id", SECOND.toString(), "OrderPaid"));

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.atLeastOnce()).isEqualTo(1);
    }

    @Test
    void mailsAndWebhooksReceivedAgainUnderTheirIdAreAtLeastOnceNotDuplicates() {
        Seen seen = new Seen();
        seen.mails.add("<n-" + FIRST + "@oasis.example>");
        seen.webhooks.add("msg_" + SECOND);
        seen.webhooks.add("msg_" + SECOND);

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.duplicated()).isZero();
        assertThat(verdict.atLeastOnce()).isEqualTo(3);
        assertThat(verdict.holds()).isTrue();
    }

    @Test
    void aWarehouseReservationSentAgainWithItsKeyIsAtLeastOnce() {
        Seen seen = new Seen();
        seen.partnerCalls.add("reserve-" + FIRST);

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.atLeastOnce()).isEqualTo(1);
        assertThat(verdict.duplicated()).isZero();
        assertThat(verdict.findings()).contains(
                "at least once: partner called again with Idempotency-Key: reserve-" + FIRST + " x2");
    }

    @Test
    void anSmsSentMoreOftenThanTheDeliveryLogSaysIsADuplicate() {
        Seen seen = new Seen();
        Sms delivered = new Sms("+4915100000001", "Your order has been delivered");
        seen.smsLog.add(delivered);
        seen.sms.add(delivered);
        seen.sms.add(delivered);

        assertThat(Verdict.of(seen.observations()).duplicated()).isEqualTo(1);
    }

    @Test
    void anIncidentLeftAfterRecoveryIsStuck() {
        Seen seen = new Seen();
        seen.stuck.add(new Stuck("incident", "Task_ReserveStock of order " + SECOND + ": connection refused"));

        Verdict verdict = Verdict.of(seen.observations());

        assertThat(verdict.stuck()).isEqualTo(1);
        assertThat(verdict.holds()).isFalse();
        assertThat(verdict.findings()).contains(
                "stuck: incident: Task_ReserveStock of order " + SECOND + ": connection refused");
    }

    /** What a run that kept every promise leaves behind, for a test to spoil one way. */
    private final class Seen {
        final Map<UUID, String> status = new HashMap<>();
        final List<StatusChange> changes = new ArrayList<>();
        final List<PublishedEvent> events = new ArrayList<>();
        final List<String> mails = new ArrayList<>();
        final List<Sms> sms = new ArrayList<>();
        final List<Sms> smsLog = new ArrayList<>();
        final List<String> webhooks = new ArrayList<>();
        final List<String> partnerCalls = new ArrayList<>();
        final List<Stuck> stuck = new ArrayList<>();

        Seen() {
            for (UUID order : Set.of(FIRST, SECOND, THIRD)) {
                status.put(order, "DELIVERED");
                for (String to : List.of("PLACED", "AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED")) {
                    changes.add(new StatusChange(order, to));
                }
                for (String type : List.of("OrderPlaced", "PaymentRequested", "OrderPaid", "OrderDelivered")) {
                    events.add(new PublishedEvent(order + "-" + type, order.toString(), type));
                }
                mails.add("<n-" + order + "@oasis.example>");
                webhooks.add("msg_" + order);
                partnerCalls.add("reserve-" + order);
                partnerCalls.add("shipment-" + order);
            }
        }

        Observations observations() {
            return new Observations(history.acknowledgedOrders(), status, changes, events, mails, sms, smsLog,
                    webhooks, partnerCalls, stuck);
        }
    }

    private static Path recorded(String name) {
        try {
            return Path.of(VerdictTest.class.getResource("/histories/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
