package io.oasis.notification.email;

import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.safety.OutboundHeaders;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.component.mail.MailConstants;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link OutgoingMessage} into what camel-mail sends, and reads back what it sent. camel-mail takes
 * recipients, subject, sender, any other mail header and even {@code mail.smtp.*} session settings from the
 * exchange's headers, so every incoming header is dropped and only these are set, each checked for line
 * breaks: {@code To} (exactly one address), {@code From}, {@code Subject}, {@code Content-Type} and a
 * {@code Message-ID} derived from the notification id, the same on every attempt, so a mail sent again after
 * a crash can be recognised as the same one.
 */
@Component
public class EmailMessages {

    private static final String TEXT = "text/plain; charset=UTF-8";
    private static final String HTML = "text/html; charset=UTF-8";

    private final String from;
    private final String messageIdDomain;

    public EmailMessages(EmailSettings settings) {
        InternetAddress sender;
        try {
            sender = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalStateException("oasis.notification.email.from is not an address: " + settings.from(), e);
        }
        OutboundHeaders.requireSingleLine("From", settings.from());
        this.from = settings.from();
        this.messageIdDomain = sender.getAddress().substring(sender.getAddress().lastIndexOf('@') + 1);
    }

    /** Replaces the exchange's headers and body with the mail: text only, or text and HTML as alternatives. */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        Message message = exchange.getMessage();
        OutgoingMessage outgoing = message.getMandatoryBody(OutgoingMessage.class);
        OutboundHeaders.clear(exchange);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("To", singleAddress(outgoing.recipient()));
        headers.put("From", from);
        if (outgoing.subject() != null) {
            headers.put("Subject", outgoing.subject());
        }
        headers.put("Message-ID", messageId(outgoing.notificationId()));
        String text = outgoing.text() == null ? "" : outgoing.text();
        if (outgoing.html() != null) {
            // camel-mail makes a multipart/alternative of the text in this header and the HTML body; it
            // removes the header while doing so. Body text, not a mail header: line breaks belong in it.
            headers.put("Content-Type", HTML);
            message.setHeader(MailConstants.MAIL_ALTERNATIVE_BODY, text);
            message.setBody(outgoing.html());
        } else {
            headers.put("Content-Type", TEXT);
            message.setBody(text);
        }
        OutboundHeaders.set(exchange, headers);
    }

    /** After the relay took the mail: its Message-ID is the provider's id of the attempt. */
    public void sent(Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(OutgoingMessage.PROVIDER_MESSAGE_ID, message.getHeader(MailConstants.MAIL_MESSAGE_ID));
    }

    /** {@code <notification-id@sender-domain>}: the same for every attempt at one notification. */
    String messageId(UUID notificationId) {
        return "<" + notificationId + "@" + messageIdDomain + ">";
    }

    /**
     * The one address the mail goes to, bare ({@code name@domain}). camel-mail splits {@code To} at commas and
     * semicolons, so a value with either, or one that parses to several addresses or a group, is refused.
     */
    static String singleAddress(String recipient) {
        if (recipient == null || recipient.isBlank()) {
            throw DeliveryException.permanent("The notification has no e-mail address", null);
        }
        OutboundHeaders.requireSingleLine("To", recipient);
        String value = recipient.trim();
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(value, true);
        } catch (AddressException e) {
            throw DeliveryException.permanent("The recipient is not an e-mail address: " + e.getMessage(), null);
        }
        if (parsed.length != 1 || value.contains(",") || value.contains(";") || parsed[0].isGroup()) {
            throw DeliveryException.permanent("The recipient must be exactly one e-mail address", null);
        }
        try {
            parsed[0].validate();
        } catch (AddressException e) {
            throw DeliveryException.permanent("The recipient is not an e-mail address: " + e.getMessage(), null);
        }
        return parsed[0].getAddress();
    }
}
