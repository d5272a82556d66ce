package io.oasis.notification.sms;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.Notification;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** Notifications as Twilio's status callbacks find them. */
interface SmsNotificationRepository extends Repository<Notification, UUID> {

    /**
     * The notification of a Twilio message, locked until the transaction ends: Twilio sends several reports
     * about one message within moments (sent, delivered), and each is applied after the one before.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Notification> findByChannelAndProviderMessageId(Channel channel, String providerMessageId);
}
