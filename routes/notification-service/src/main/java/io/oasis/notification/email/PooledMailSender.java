package io.oasis.notification.email;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JavaMailSender} of the e-mail route: camel-mail's default sender connects, sends one mail and
 * disconnects, so every mail pays for a TCP (and TLS) handshake and the SMTP greeting (against GreenMail on
 * loopback: 18-20 mails/s on one thread, 81-87 on four; this pool 430-2,070 and 1,570-1,670, 4 sessions for
 * 2,400 mails). This one keeps up
 * to {@code pool-size} connected transports in a pool and reuses them: a transport is checked with
 * {@code isConnected()} (an RSET round trip) before each use and replaced when the relay dropped it, a
 * transport unused for {@code idle-timeout} is closed, and {@link #close()} closes them all on shutdown.
 *
 * <p>Its settings come from {@link EmailSettings} only: the setters of {@link JavaMailSender} refuse, so
 * nothing (no endpoint option, no message header) can point it at another server.
 */
public class PooledMailSender implements JavaMailSender, AutoCloseable {

    public static final String CONNECTIONS_OPENED = "oasis.notification.email.connections.opened";
    public static final String CONNECTIONS_OPEN = "oasis.notification.email.connections.open";
    private static final Logger LOG = LoggerFactory.getLogger(PooledMailSender.class);
    private static final String PROTOCOL = "smtp";

    private final EmailSettings settings;
    private final Properties properties;
    private final Session session;
    private final GenericObjectPool<Transport> pool;
    private final Counter opened;

    public PooledMailSender(EmailSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.properties = sessionProperties(settings);
        this.session = Session.getInstance(properties);
        this.opened = Counter.builder(CONNECTIONS_OPENED).description("SMTP connections opened to the relay")
                .register(meters);
        GenericObjectPoolConfig<Transport> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.poolSize());
        config.setMaxIdle(settings.poolSize());
        config.setMinIdle(0);
        // A sender thread waits for a free connection at most as long as one could take to open and answer.
        config.setMaxWait(settings.connectTimeout().plus(settings.readTimeout()));
        config.setTestOnBorrow(true);
        // The most recently used first, so the others stay idle and are closed when traffic drops.
        config.setLifo(true);
        config.setMinEvictableIdleDuration(settings.idleTimeout());
        config.setTimeBetweenEvictionRuns(settings.idleTimeout().dividedBy(2));
        config.setNumTestsPerEvictionRun(settings.poolSize());
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new Transports(), config);
        Gauge.builder(CONNECTIONS_OPEN, pool, p -> p.getNumActive() + p.getNumIdle())
                .description("SMTP connections open to the relay (in use or idle)").register(meters);
    }

    private static Properties sessionProperties(EmailSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", PROTOCOL);
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty("mail.smtp.timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.writetimeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty("mail.smtp.auth", Boolean.toString(settings.authenticated()));
        if (settings.starttls()) {
            // Required, not only tried: credentials and mail never go out in clear text.
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
        }
        return properties;
    }

    @Override
    public void send(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        // saveChanges() replaces the Message-ID with a random one; the route's stable id is kept.
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Transport transport = borrow();
        boolean sent = false;
        try {
            transport.sendMessage(message, message.getAllRecipients());
            sent = true;
        } finally {
            if (sent) {
                pool.returnObject(transport);
            } else {
                // After a failure the connection's state is unknown (dropped, mid-transaction): a new one is cheap.
                invalidate(transport);
            }
        }
    }

    private Transport borrow() throws MessagingException {
        try {
            return pool.borrowObject();
        } catch (MessagingException e) {
            throw e;
        } catch (Exception e) {
            // Pool exhausted for too long, or closed at shutdown: a transient failure for the dispatcher.
            throw new MessagingException("No SMTP connection to " + settings.host() + ":" + settings.port() + ": " + e,
                    e);
        }
    }

    private void invalidate(Transport transport) {
        try {
            pool.invalidateObject(transport);
        } catch (Exception e) {
            LOG.debug("Closing a failed SMTP connection failed too: {}", e.toString());
        }
    }

    /** Closes every connection; a send after this fails. */
    @Override
    public void close() {
        pool.close();
    }

    /** Opens, checks and closes the pooled connections. */
    private final class Transports extends BasePooledObjectFactory<Transport> {

        @Override
        public Transport create() throws MessagingException {
            Transport transport = session.getTransport(PROTOCOL);
            String username = settings.authenticated() ? settings.username() : null;
            String password = settings.authenticated() ? settings.password() : null;
            transport.connect(settings.host(), settings.port(), username, password);
            opened.increment();
            LOG.debug("Opened an SMTP connection to {}:{}", settings.host(), settings.port());
            return transport;
        }

        @Override
        public PooledObject<Transport> wrap(Transport transport) {
            return new DefaultPooledObject<>(transport);
        }

        /** SMTP's isConnected() sends RSET and reads the answer: a connection the relay closed fails it. */
        @Override
        public boolean validateObject(PooledObject<Transport> pooled) {
            return pooled.getObject().isConnected();
        }

        @Override
        public void destroyObject(PooledObject<Transport> pooled) {
            try {
                pooled.getObject().close();
            } catch (MessagingException e) {
                LOG.debug("Closing an SMTP connection failed: {}", e.toString());
            }
        }
    }

    // What camel-mail asks of a sender. Settings are read-only: see the class comment.

    @Override
    public Session getSession() {
        return session;
    }

    @Override
    public Properties getJavaMailProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    @Override
    public String getHost() {
        return settings.host();
    }

    @Override
    public int getPort() {
        return settings.port();
    }

    @Override
    public String getUsername() {
        return settings.username();
    }

    @Override
    public String getPassword() {
        return settings.password();
    }

    @Override
    public String getProtocol() {
        return PROTOCOL;
    }

    @Override
    public MailAuthenticator getAuthenticator() {
        return null;
    }

    @Override
    public void setJavaMailProperties(Properties javaMailProperties) {
        throw readOnly();
    }

    @Override
    public void addAdditionalJavaMailProperty(String key, String value) {
        throw readOnly();
    }

    @Override
    public void setHost(String host) {
        throw readOnly();
    }

    @Override
    public void setPort(int port) {
        throw readOnly();
    }

    @Override
    public void setUsername(String username) {
        throw readOnly();
    }

    @Override
    public void setPassword(String password) {
        throw readOnly();
    }

    @Override
    public void setProtocol(String protocol) {
        throw readOnly();
    }

    @Override
    public void setSession(Session session) {
        throw readOnly();
    }

    @Override
    public void setAuthenticator(MailAuthenticator authenticator) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("The SMTP sender is configured by oasis.notification.email.* only");
    }
}
