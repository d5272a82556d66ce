package io.oasis.notification.sms;

import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.delivery.Recipients;
import io.oasis.notification.safety.OutboundHeaders;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.springframework.stereotype.Component;

/**
 * The steps of {@link SmsRoutes}: turns an {@link OutgoingMessage} into the parameters of camel-twilio's
 * {@code message/create} ({@code CamelTwilio.<parameter>} headers), and Twilio's answer into the provider
 * message id or a classified {@link DeliveryException}.
 */
@Component
public class TwilioMessages {

    /** camel-twilio reads each API parameter from a header with this prefix. */
    static final String PARAMETER = "CamelTwilio.";
    static final String TO = PARAMETER + "to";
    static final String FROM = PARAMETER + "from";
    static final String BODY = PARAMETER + "body";
    static final String STATUS_CALLBACK = PARAMETER + "statusCallback";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SmsSettings settings;
    private final TwilioFailures failures;

    public TwilioMessages(SmsSettings settings, TwilioFailures failures) {
        this.settings = settings;
        this.failures = failures;
    }

    /**
     * Drops every header the exchange came with (a {@code CamelTwilio.to} or {@code CamelTwilio.pathAccountSid}
     * would otherwise redirect the message), then sets the parameters of one message to the one recipient.
     */
    public void prepare(Exchange exchange) throws InvalidPayloadException {
        OutboundHeaders.clear(exchange);
        OutgoingMessage message = exchange.getMessage().getMandatoryBody(OutgoingMessage.class);
        String to = message.recipient() == null ? "" : message.recipient().trim();
        if (!E164.matcher(to).matches()) {
            // Not one number in E.164 form (a list, a national number, a line break): Twilio would refuse it too.
            throw DeliveryException.invalidContact(Recipients.mask(Channel.SMS, to)
                    + " is not one phone number in E.164 form", null);
        }
        if (message.text() == null || message.text().isBlank()) {
            throw DeliveryException.permanent("The SMS has no text", null);
        }
        // Typed as the SDK's message creator takes them: camel-twilio does not convert header values.
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(TO, new PhoneNumber(to));
        parameters.put(FROM, new PhoneNumber(settings.from()));
        if (settings.statusCallbacks()) {
            parameters.put(STATUS_CALLBACK, URI.create(settings.statusCallbackUrl()));
        }
        OutboundHeaders.set(exchange, parameters);
        // The text goes as a form field that the SDK URL-encodes, never as a header line, so it may hold line breaks.
        exchange.getMessage().setHeader(BODY, message.text());
    }

    /** Twilio accepted the message: its SID identifies it in the status callbacks. */
    public void sent(Exchange exchange) {
        Message accepted = exchange.getMessage().getBody(Message.class);
        OutboundHeaders.clear(exchange);
        if (accepted != null && accepted.getSid() != null) {
            exchange.getMessage().setHeader(OutgoingMessage.PROVIDER_MESSAGE_ID, accepted.getSid());
        }
    }

    /** Rethrows the caught failure as the {@link DeliveryException} it amounts to. */
    public void failed(Exchange exchange) {
        throw failures.classify(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    /** Without an account there is nothing to send with: the message fails for good, and says why. */
    public void notConfigured(Exchange exchange) {
        OutboundHeaders.clear(exchange);
        throw DeliveryException.permanent("SMS is not configured: set oasis.notification.sms.account-sid, "
                + "auth-token and from (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)", null);
    }
}
