package io.oasis.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oasis.notification.NotificationServiceTestBase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node that died after claiming a notification (between taking the event and sending) leaves it due: once
 * its claim runs out another node sends it, once; while the claim holds, nobody else does.
 */
class CrashRecoveryTest extends NotificationServiceTestBase {

    @Test
    void aNotificationClaimedByADeadNodeIsSentOnceItsClaimRunsOut() throws Exception {
        String address = uniqueEmail("orphan");
        UUID id = pendingMail(address, Instant.now().minusSeconds(5));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(id)));
        assertThat(MAIL.receivedBy(address)).hasSize(1);
        assertThat(rows("SELECT count(*) FROM delivery_attempt WHERE notification_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aLiveClaimIsLeftToItsNode() throws Exception {
        String held = uniqueEmail("held");
        UUID heldId = pendingMail(held, Instant.now().plusSeconds(3600));
        String free = uniqueEmail("free");
        UUID freeId = pendingMail(free, null);

        // The unclaimed one, due at the same time, is sent: the dispatcher has looked at both.
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(freeId)));
        assertThat(status(heldId)).isEqualTo("PENDING");
        assertThat(MAIL.receivedBy(held)).isEmpty();
    }

    /** A due e-mail notification as the planner writes it, optionally claimed until {@code claimedUntil}. */
    private UUID pendingMail(String address, Instant claimedUntil) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.update("""
                INSERT INTO notification (id, event_id, event_type, channel, target_key, recipient, subject, body_text,
                    status, attempt_count, next_attempt_at, claimed_until, created_at, updated_at)
                VALUES (?, ?, 'DirectMessage', 'EMAIL', ?, ?, 'Left behind', 'Sent after a crash', 'PENDING', 0, ?, ?, ?, ?)""",
                id, UUID.randomUUID().toString(), address, address, Timestamp.from(now.minusSeconds(1)),
                claimedUntil == null ? null : Timestamp.from(claimedUntil), Timestamp.from(now), Timestamp.from(now));
        return id;
    }

    private String status(UUID id) {
        return jdbc.queryForObject("SELECT status FROM notification WHERE id = ?", String.class, id);
    }
}
