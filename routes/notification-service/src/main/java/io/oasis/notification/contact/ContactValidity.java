package io.oasis.notification.contact;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.DeliveryListener;
import io.oasis.notification.delivery.Notification;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A hard bounce or a permanent SMS failure marks the address invalid, so later notifications to it are
 * suppressed instead of failing again; a new address from the customer service makes it valid again.
 */
@Component
public class ContactValidity implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(ContactValidity.class);

    private final CustomerContactRepository contacts;
    private final Clock clock;

    public ContactValidity(CustomerContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void failed(Notification notification, DeliveryException failure) {
        if (failure.kind() == DeliveryException.Kind.INVALID_CONTACT) {
            markInvalid(notification, failure.getMessage());
        }
    }

    /**
     * The address {@code notification} went to cannot be reached (a hard bounce, a number that cannot get SMS,
     * also when the provider reports it later): marked invalid, if it is still the customer's address.
     */
    @Transactional
    public void markInvalid(Notification notification, String reason) {
        if (notification.getCustomerId() == null) {
            return;
        }
        contacts.findById(notification.getCustomerId()).ifPresent(contact -> {
            if (notification.getChannel() == Channel.EMAIL && notification.getRecipient().equals(contact.getEmail())) {
                contact.markEmailInvalid(clock.instant());
                LOG.warn("E-mail address of customer {} marked invalid: {}", contact.getCustomerId(), reason);
            } else if (notification.getChannel() == Channel.SMS
                    && notification.getRecipient().equals(contact.getPhone())) {
                contact.markPhoneInvalid(clock.instant());
                LOG.warn("Phone number of customer {} marked invalid: {}", contact.getCustomerId(), reason);
            }
        });
    }
}
