package io.oasis.notification.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP relay and how mails are sent to it: {@code oasis.notification.email.*}.
 *
 * @param host           the relay
 * @param port           its SMTP port
 * @param from           the sender of every mail ({@code Name <address>}); its domain also names the Message-IDs
 * @param username       empty for a relay without authentication
 * @param password       secret
 * @param starttls       require STARTTLS before anything else is sent
 * @param poolSize       SMTP connections kept open and reused; also the most that are open at once
 * @param connectTimeout how long opening a connection may take
 * @param readTimeout    how long the relay may take to answer one command
 * @param idleTimeout    an unused connection is closed after this long
 */
@ConfigurationProperties("oasis.notification.email")
public record EmailSettings(String host, int port, String from, String username, String password, boolean starttls,
        int poolSize, Duration connectTimeout, Duration readTimeout, Duration idleTimeout) {

    public EmailSettings {
        if (host == null || host.isBlank() || port <= 0) {
            throw new IllegalStateException("oasis.notification.email.host and .port name the SMTP relay");
        }
        if (from == null || from.isBlank()) {
            throw new IllegalStateException("oasis.notification.email.from is the sender of every mail");
        }
        if (poolSize < 1) {
            throw new IllegalStateException("oasis.notification.email.pool-size must be at least 1");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
    }

    public boolean authenticated() {
        return username != null && !username.isBlank();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "EmailSettings[" + host + ":" + port + ", from " + from + (authenticated() ? ", as " + username : "")
                + (starttls ? ", STARTTLS" : "") + ", pool " + poolSize + "]";
    }
}
