package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oasis.notification.TestMailServer;
import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.testsupport.Kafka;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pooled sender against a real SMTP server (GreenMail): connections reused, bounded, replaced, closed. */
class PooledMailSenderTest {

    private final TestMailServer relay = new TestMailServer(Kafka.freePort());
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private PooledMailSender sender;

    @BeforeEach
    void start() {
        relay.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        relay.stop();
    }

    @Test
    void oneConnectionCarriesMailAfterMail() throws Exception {
        sender = sender(4, Duration.ofSeconds(30));

        for (int i = 0; i < 5; i++) {
            sender.send(mail("one." + i + "@example.com", null));
        }

        assertThat(relay.getReceivedMessages()).hasSize(5);
        assertThat(opened()).isEqualTo(1);
        assertThat(open()).isEqualTo(1);
    }

    @Test
    void theMessageIdGivenIsTheOneSent() throws Exception {
        sender = sender(1, Duration.ofSeconds(30));

        sender.send(mail("id@example.com", "<42@oasis.test>"));

        assertThat(relay.receivedBy("id@example.com")).singleElement()
                .satisfies(received -> assertThat(received.getMessageID()).isEqualTo("<42@oasis.test>"));
    }

    @Test
    void manySendersShareNoMoreConnectionsThanThePoolHolds() throws Exception {
        sender = sender(3, Duration.ofSeconds(30));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String to = "many." + i + "@example.com";
                sends.add(threads.submit(() -> {
                    sender.send(mail(to, null));
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(relay.getReceivedMessages()).hasSize(32);
        assertThat(opened()).isBetween(1.0, 3.0);
        assertThat(open()).isLessThanOrEqualTo(3);
    }

    @Test
    void aConnectionTheServerDroppedIsReplaced() throws Exception {
        sender = sender(1, Duration.ofSeconds(30));
        sender.send(mail("before@example.com", null));

        // A restart drops every connection; the pooled one is found dead before use and replaced.
        relay.stop();
        relay.start();
        sender.send(mail("after@example.com", null));

        assertThat(relay.receivedBy("after@example.com")).hasSize(1);
        assertThat(opened()).isEqualTo(2);
    }

    @Test
    void whileTheServerIsDownSendingFailsTransientlyAndRecoversAfter() throws Exception {
        sender = sender(2, Duration.ofSeconds(30));
        sender.send(mail("first@example.com", null));
        relay.stop();

        assertThatThrownBy(() -> sender.send(mail("down@example.com", null)))
                .isInstanceOfSatisfying(MessagingException.class,
                        thrown -> assertThat(SmtpFailures.classify(thrown).kind()).isEqualTo(Kind.TRANSIENT));
        assertThat(open()).isZero();

        relay.start();
        sender.send(mail("back@example.com", null));
        assertThat(relay.receivedBy("back@example.com")).hasSize(1);
    }

    @Test
    void aRefusedRecipientFailsTheSendAndTheNextMailStillGoes() throws Exception {
        sender = sender(1, Duration.ofSeconds(30));
        relay.refuseRecipient("gone@example.com", "550 5.1.1 User unknown");

        assertThatThrownBy(() -> sender.send(mail("gone@example.com", null)))
                .isInstanceOfSatisfying(MessagingException.class,
                        thrown -> assertThat(SmtpFailures.classify(thrown).kind()).isEqualTo(Kind.INVALID_CONTACT));
        sender.send(mail("here@example.com", null));

        assertThat(relay.receivedBy("here@example.com")).hasSize(1);
        assertThat(relay.receivedBy("gone@example.com")).isEmpty();
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        sender = sender(2, Duration.ofMillis(300));
        sender.send(mail("idle@example.com", null));
        assertThat(open()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> open() == 0);

        sender.send(mail("later@example.com", null));
        assertThat(relay.receivedBy("later@example.com")).hasSize(1);
        assertThat(opened()).isEqualTo(2);
    }

    @Test
    void closingClosesEveryConnectionAndRefusesMore() throws Exception {
        sender = sender(2, Duration.ofSeconds(30));
        sender.send(mail("last@example.com", null));

        sender.close();

        assertThat(open()).isZero();
        assertThatThrownBy(() -> sender.send(mail("late@example.com", null))).isInstanceOf(MessagingException.class);
        assertThat(relay.receivedBy("late@example.com")).isEmpty();
    }

    @Test
    void itsSettingsCannotBeChangedFromOutside() {
        sender = sender(1, Duration.ofSeconds(30));

        assertThatThrownBy(() -> sender.setHost("127.0.0.2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> sender.addAdditionalJavaMailProperty("mail.smtp.host", "127.0.0.2"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(sender.getHost()).isEqualTo("127.0.0.1");
    }

    private PooledMailSender sender(int poolSize, Duration idleTimeout) {
        EmailSettings settings = new EmailSettings("127.0.0.1", relay.getSmtp().getPort(),
                "Oasis <no-reply@oasis.test>", null, null, false, poolSize, Duration.ofSeconds(2),
                Duration.ofSeconds(5), idleTimeout);
        return new PooledMailSender(settings, meters);
    }

    private MimeMessage mail(String to, String messageId) throws MessagingException {
        MimeMessage mail = new MimeMessage(sender.getSession());
        mail.setFrom("no-reply@oasis.test");
        mail.setRecipients(Message.RecipientType.TO, to);
        mail.setSubject("Hello " + to);
        mail.setText("Hello");
        if (messageId != null) {
            mail.setHeader("Message-ID", messageId);
        }
        return mail;
    }

    private double opened() {
        return meters.get(PooledMailSender.CONNECTIONS_OPENED).counter().count();
    }

    private int open() {
        return (int) meters.get(PooledMailSender.CONNECTIONS_OPEN).gauge().value();
    }
}
