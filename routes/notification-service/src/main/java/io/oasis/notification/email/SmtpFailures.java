package io.oasis.notification.email;

import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryException.Kind;
import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What a failed SMTP send means for the notification, from the relay's reply:
 * <ul>
 * <li>the recipient refused with 550, 551 or 553 (no such mailbox, not local, bad mailbox name), or listed as
 * invalid without a code: a hard bounce, {@link Kind#INVALID_CONTACT} (the address is marked invalid);</li>
 * <li>any 4xx (greylisting, mailbox busy, relay overloaded): {@link Kind#TRANSIENT};</li>
 * <li>any other 5xx (message refused, sender refused, relaying denied): {@link Kind#PERMANENT};</li>
 * <li>no reply at all (connection refused, timed out or dropped, login refused): {@link Kind#TRANSIENT}, as
 * the relay or our settings will be fixed while the mail is still the right one to send.</li>
 * </ul>
 * The reply code is kept as the attempt's provider status.
 */
public final class SmtpFailures {

    private static final Set<Integer> MAILBOX_UNAVAILABLE = Set.of(550, 551, 553);

    private SmtpFailures() {
    }

    /** For the route's catch block: throws the classified form of the exception it caught. */
    public static void rethrow(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw classify(caught);
    }

    public static DeliveryException classify(Throwable failure) {
        if (failure instanceof DeliveryException known) {
            return known;
        }
        List<Throwable> chain = chain(failure);
        for (Throwable each : chain) {
            if (each instanceof SMTPAddressFailedException refused) {
                return fromReply(refused.getReturnCode(), "the relay refused the recipient", refused, true);
            }
        }
        for (Throwable each : chain) {
            if (each instanceof SendFailedException unsent && !isEmpty(unsent.getInvalidAddresses())) {
                return new DeliveryException(Kind.INVALID_CONTACT, "the relay refused the recipient: "
                        + describe(unsent), null, null, failure);
            }
        }
        for (Throwable each : chain) {
            if (each instanceof SMTPSendFailedException refused) {
                return fromReply(refused.getReturnCode(), "the relay refused the message", refused, false);
            }
            if (each instanceof SMTPSenderFailedException refused) {
                return fromReply(refused.getReturnCode(), "the relay refused the sender", refused, false);
            }
        }
        return new DeliveryException(Kind.TRANSIENT, "no answer from the SMTP relay: " + describe(failure), null,
                null, failure);
    }

    private static DeliveryException fromReply(int code, String what, Exception reply, boolean recipient) {
        String message = what + ": " + describe(reply);
        Integer status = code > 0 ? code : null;
        if (code >= 400 && code < 500) {
            return new DeliveryException(Kind.TRANSIENT, message, status, null, reply);
        }
        if (recipient && MAILBOX_UNAVAILABLE.contains(code)) {
            return new DeliveryException(Kind.INVALID_CONTACT, message, status, null, reply);
        }
        if (code >= 500 && code < 600) {
            return new DeliveryException(Kind.PERMANENT, message, status, null, reply);
        }
        return new DeliveryException(Kind.TRANSIENT, message, status, null, reply);
    }

    /** The exception, its causes and the exceptions chained to them (a MessagingException's "next"). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable each = failure; each != null && seen.add(each); each = each.getCause()) {
            chain.add(each);
        }
        return chain;
    }

    private static boolean isEmpty(Address[] addresses) {
        return addresses == null || addresses.length == 0;
    }

    private static String describe(Throwable failure) {
        String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null && !text.contains(cause.getMessage().strip())) {
            text += " (" + cause.getMessage().strip() + ")";
        }
        return text;
    }
}
