package io.oasis.notification.sms;

import io.oasis.notification.delivery.Channel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SMS channel: one message to one number through Twilio's Messages API (camel-twilio), answering with
 * Twilio's message SID. Failures are classified by {@link TwilioFailures} and left to the dispatcher, which
 * records the attempt and schedules the next one. Without Twilio credentials the route fails each message
 * at once, so the service still starts and the delivery log says what is missing.
 */
@Component
public class SmsRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SmsRoutes.class);

    private final SmsSettings settings;
    private final TwilioMessages messages;

    public SmsRoutes(SmsSettings settings, TwilioMessages messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public void configure() {
        RouteDefinition route = from(Channel.SMS.endpoint()).routeId(Channel.SMS.routeId())
                // No redelivery here: the dispatcher retries on the channel's schedule and logs every attempt.
                .errorHandler(noErrorHandler());
        if (!settings.configured()) {
            LOG.warn("SMS is not configured (oasis.notification.sms.account-sid, auth-token, from): "
                    + "every SMS notification fails");
            route.bean(messages, "notConfigured");
            return;
        }
        route.bean(messages, "prepare")
                .doTry()
                    .to("twilio:message/create")
                .doCatch(Exception.class)
                    .bean(messages, "failed")
                .end()
                .bean(messages, "sent");
    }
}
