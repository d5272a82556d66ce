package io.oasis.notification.planning;

import io.oasis.notification.contact.CustomerContact;
import io.oasis.notification.delivery.Channel;

/** The rules that keep a message from a customer: deactivation, opt-out, no or an invalid address. */
final class Refusals {

    private Refusals() {
    }

    /** Why this customer is not to get this message on this channel; null if they are. */
    static String refusal(Channel channel, CustomerContact contact, String address) {
        if (!contact.isActive()) {
            return "customer is deactivated";
        }
        boolean optedIn = switch (channel) {
            case EMAIL -> contact.isEmailOptIn();
            case SMS -> contact.isSmsOptIn();
            case PUSH -> contact.isPushOptIn();
            case WEBHOOK -> true;
        };
        if (!optedIn) {
            return "customer opted out of " + channel.key();
        }
        if (address == null) {
            return "customer has no " + (channel == Channel.EMAIL ? "e-mail address" : "phone number");
        }
        if ((channel == Channel.EMAIL && contact.isEmailInvalid()) || (channel == Channel.SMS && contact.isPhoneInvalid())) {
            return "customer's " + (channel == Channel.EMAIL ? "e-mail address" : "phone number")
                    + " is invalid (an earlier message failed permanently)";
        }
        return null;
    }
}
