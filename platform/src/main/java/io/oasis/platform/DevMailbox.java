package io.oasis.platform;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev mailbox: a real SMTP server (GreenMail) that keeps every mail the services send, and an
 * IMAP server on top of it so any mail client can read them. Nothing leaves the machine. Mailboxes
 * are created on first delivery; log in over IMAP with the recipient address and any password.
 */
final class DevMailbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

    private final GreenMail greenMail;

    private DevMailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static DevMailbox start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        // One line per delivered mail, so the console shows what the platform sent and to whom.
        MessageDeliveryHandler deliver = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
            log.info("  mail  to {} from {}: \"{}\"", recipient.getEmail(),
                    describeSender(message.getMessage()), subjectOf(message.getMessage()));
            return deliver.handle(message, recipient);
        });
        return new DevMailbox(greenMail);
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static String describeSender(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getFrom() == null ? "(no sender)" : Arrays.stream(message.getFrom())
                    .map(address -> address instanceof InternetAddress internet ? internet.getAddress() : address.toString())
                    .collect(Collectors.joining(", "));
        } catch (MessagingException e) {
            return "(unreadable sender)";
        }
    }

    private static String subjectOf(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable subject)";
        }
    }
}
