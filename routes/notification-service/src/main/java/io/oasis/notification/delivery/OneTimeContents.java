package io.oasis.notification.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The text, as it is to be sent, of messages that carry a one-time secret (the code confirming an e-mail
 * address). The delivery log keeps such a message with the secret masked; the real text waits here until the
 * message is sent, fails for good, or the secret expires, and is then deleted. So the delivery log (and what
 * reads it: the API, exports, backups of it) never holds the secret.
 */
@Component
public class OneTimeContents {

    /** The text in a message, as to be sent. */
    public record Content(String subject, String text, String html) {
    }

    private final JdbcTemplate jdbc;

    public OneTimeContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the content of a saved (and flushed) notification until {@code expiresAt}. */
    public void keep(UUID notificationId, Content content, Instant expiresAt) {
        jdbc.update("INSERT INTO notification_one_time_content (notification_id, subject, body_text, body_html, "
                + "expires_at) VALUES (?, ?, ?, ?, ?)", notificationId, content.subject(), content.text(),
                content.html(), Timestamp.from(expiresAt));
    }

    /** The content, unless it was never kept, was already forgotten, or has expired (then it is forgotten now). */
    public Optional<Content> find(UUID notificationId, Instant now) {
        List<Content> found = jdbc.query("SELECT subject, body_text, body_html FROM notification_one_time_content "
                + "WHERE notification_id = ? AND expires_at > ?", (rs, row) -> new Content(rs.getString("subject"),
                        rs.getString("body_text"), rs.getString("body_html")), notificationId, Timestamp.from(now));
        if (found.isEmpty()) {
            forget(notificationId);
            return Optional.empty();
        }
        return Optional.of(found.get(0));
    }

    public void forget(UUID notificationId) {
        jdbc.update("DELETE FROM notification_one_time_content WHERE notification_id = ?", notificationId);
    }
}
