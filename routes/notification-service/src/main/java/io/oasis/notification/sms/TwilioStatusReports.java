package io.oasis.notification.sms;

import io.oasis.notification.contact.ContactValidity;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.DeliveryAttempt;
import io.oasis.notification.delivery.Notification;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.Recipients;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio's reports on a sent SMS, each kept as a row of the notification's delivery log: {@code delivered}
 * confirms the message, {@code undelivered} and {@code failed} fail it (and a number-invalid error code marks
 * the customer's phone number invalid), any other status ({@code queued}, {@code sent}...) changes nothing.
 */
@Service
public class TwilioStatusReports {

    /**
     * What a report did: {@code recorded} in the delivery log of its notification, or {@code unknown} when no
     * notification has the message SID (not sent from here, or erased), which is logged and dropped. Twilio is
     * answered 200 either way, so it does not send the report again.
     */
    public record Result(String outcome) {

        static final String RECORDED = "recorded";
        static final String UNKNOWN = "unknown";
    }

    private static final Logger LOG = LoggerFactory.getLogger(TwilioStatusReports.class);

    private final SmsNotificationRepository notifications;
    private final ContactValidity validity;
    private final Clock clock;

    public TwilioStatusReports(SmsNotificationRepository notifications, ContactValidity validity, Clock clock) {
        this.notifications = notifications;
        this.validity = validity;
        this.clock = clock;
    }

    /**
     * @param sid       Twilio's message SID, as the send recorded it
     * @param status    Twilio's {@code MessageStatus}, lower case
     * @param errorCode Twilio's {@code ErrorCode}; null if none
     */
    @Transactional
    public Result record(String sid, String status, Integer errorCode) {
        Notification notification = notifications.findByChannelAndProviderMessageId(Channel.SMS, sid).orElse(null);
        if (notification == null) {
            LOG.info("Twilio reported {} for message {}, which is no notification here; ignored", status, sid);
            return new Result(Result.UNKNOWN);
        }
        Instant now = clock.instant();
        boolean failure = "undelivered".equals(status) || "failed".equals(status);
        String error = failure ? "Twilio reported the message " + status
                + (errorCode != null ? " (error " + errorCode + ")" : "") : null;
        DeliveryAttempt report = new DeliveryAttempt(notification.getId(), notification.getAttemptCount(), now, now,
                status.toUpperCase(Locale.ROOT), errorCode, sid, error);
        // Only a message Twilio accepted (SENT) can become DELIVERED or FAILED; a late report is just kept.
        boolean open = notification.getStatus() == NotificationStatus.SENT;
        if ("delivered".equals(status) && open) {
            notification.delivered(report, now);
        } else if (failure && open) {
            notification.undeliverable(report, now);
        } else {
            notification.reported(report, now);
        }
        if (failure && TwilioFailures.numberInvalid(errorCode)) {
            validity.markInvalid(notification, error);
        }
        LOG.info("Twilio reported SMS notification {} to {} {}{}", notification.getId(),
                Recipients.mask(Channel.SMS, notification.getRecipient()), status,
                errorCode != null ? " (error " + errorCode + ")" : "");
        return new Result(Result.RECORDED);
    }
}
