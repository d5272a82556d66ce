package io.oasis.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oasis.notification.TestMailServer;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryException.Kind;
import io.oasis.notification.safety.UnsafeHeaderException;
import io.oasis.testsupport.Kafka;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How each SMTP failure, as Angus Mail reports it, is treated: retried, failed, or the address marked invalid. */
class SmtpFailuresTest {

    private static final String TO = "someone@example.com";

    @ParameterizedTest
    @ValueSource(ints = { 550, 551, 553 })
    void aRecipientTheRelayDoesNotKnowIsAHardBounce(int code) throws Exception {
        DeliveryException failure = SmtpFailures.classify(recipientRefused(code, code + " 5.1.1 <" + TO + ">: User unknown"));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_CONTACT);
        assertThat(failure.providerStatus()).isEqualTo(code);
        assertThat(failure.getMessage()).contains("refused the recipient").contains("User unknown");
    }

    @ParameterizedTest
    @ValueSource(ints = { 421, 450, 451, 452 })
    void aRecipientRefusedForNowIsRetried(int code) throws Exception {
        DeliveryException failure = SmtpFailures.classify(recipientRefused(code, code + " 4.7.1 Try again later"));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isEqualTo(code);
    }

    @Test
    void anotherPermanentRefusalOfTheRecipientFailsWithoutMarkingTheAddress() throws Exception {
        DeliveryException failure = SmtpFailures.classify(recipientRefused(554, "554 5.7.1 Relay access denied"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.providerStatus()).isEqualTo(554);
    }

    @Test
    void invalidAddressesWithoutAReplyCodeAreAHardBounce() throws Exception {
        Address[] invalid = { new InternetAddress(TO) };
        DeliveryException failure = SmtpFailures.classify(
                new SendFailedException("Invalid Addresses", null, new Address[0], new Address[0], invalid));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_CONTACT);
        assertThat(failure.providerStatus()).isNull();
    }

    @Test
    void aMessageRefusedAfterDataFailsForGood() {
        DeliveryException failure = SmtpFailures.classify(new SMTPSendFailedException("DATA", 554,
                "554 5.6.0 Message rejected as spam", null, null, null, null));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.providerStatus()).isEqualTo(554);
    }

    @Test
    void aMessageDeferredAfterDataIsRetried() {
        DeliveryException failure = SmtpFailures.classify(new SMTPSendFailedException("DATA", 452,
                "452 4.3.1 Insufficient system storage", null, null, null, null));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isEqualTo(452);
    }

    @Test
    void aRefusedSenderIsOurProblemNotTheRecipients() throws Exception {
        DeliveryException failure = SmtpFailures.classify(new SMTPSenderFailedException(
                new InternetAddress("no-reply@oasis.test"), "MAIL FROM:<no-reply@oasis.test>", 553,
                "553 5.7.1 Sender address rejected"));

        assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(failure.providerStatus()).isEqualTo(553);
    }

    @Test
    void aRefusedConnectionIsRetried() {
        MailConnectException refused = new MailConnectException(new SocketConnectException("Using SocketFactory",
                new ConnectException("Connection refused"), "127.0.0.1", 25, 5000));

        DeliveryException failure = SmtpFailures.classify(refused);

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.providerStatus()).isNull();
        assertThat(failure.getMessage()).contains("no answer from the SMTP relay").contains("127.0.0.1");
    }

    @Test
    void aTimeoutIsRetried() {
        DeliveryException failure = SmtpFailures.classify(
                new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.getMessage()).contains("Read timed out");
    }

    @Test
    void refusedCredentialsAreRetriedUntilTheSettingsAreFixed() {
        DeliveryException failure = SmtpFailures.classify(new AuthenticationFailedException("535 5.7.8 Bad credentials"));

        assertThat(failure.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aFailureAlreadyClassifiedStaysAsItIs() {
        UnsafeHeaderException unsafe = new UnsafeHeaderException("Subject");

        assertThat(SmtpFailures.classify(unsafe)).isSameAs(unsafe);
    }

    /** The same rules applied to what Angus throws when a real SMTP server (GreenMail) refuses the recipient. */
    @Test
    void aRefusalFromARealRelayIsRecognised() throws Exception {
        TestMailServer relay = new TestMailServer(Kafka.freePort());
        relay.start();
        try {
            relay.refuseRecipient(TO, "550 5.1.1 <" + TO + ">: Recipient address rejected: User unknown");
            Properties properties = new Properties();
            properties.setProperty("mail.smtp.host", "127.0.0.1");
            properties.setProperty("mail.smtp.port", Integer.toString(relay.getSmtp().getPort()));
            MimeMessage mail = new MimeMessage(Session.getInstance(properties));
            mail.setFrom("no-reply@oasis.test");
            mail.setRecipients(Message.RecipientType.TO, TO);
            mail.setSubject("Hello");
            mail.setText("Hello");

            assertThatThrownBy(() -> Transport.send(mail)).isInstanceOfSatisfying(MessagingException.class, thrown -> {
                DeliveryException failure = SmtpFailures.classify(thrown);
                assertThat(failure.kind()).isEqualTo(Kind.INVALID_CONTACT);
                assertThat(failure.providerStatus()).isEqualTo(550);
                assertThat(failure.getMessage()).contains("User unknown");
            });
            assertThat(relay.receivedBy(TO)).isEmpty();
        } finally {
            relay.stop();
        }
    }

    /** What Angus throws when RCPT TO is answered with {@code code}: the address among the invalid or the unsent ones. */
    private static SendFailedException recipientRefused(int code, String reply) throws Exception {
        InternetAddress address = new InternetAddress(TO);
        SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO:<" + TO + ">", code, reply);
        Address[] none = new Address[0];
        Address[] one = { address };
        return code >= 500
                ? new SendFailedException("Invalid Addresses", refused, none, none, one)
                : new SendFailedException("Invalid Addresses", refused, none, one, none);
    }
}
