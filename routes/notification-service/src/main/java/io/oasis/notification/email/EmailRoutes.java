package io.oasis.notification.email;

import io.oasis.notification.delivery.Channel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends one e-mail notification over SMTP (camel-mail, through the pooled connections of
 * {@link PooledMailSender}). A failure leaves as a {@link io.oasis.notification.delivery.DeliveryException}
 * classified by {@link SmtpFailures}; the dispatcher records it and retries on the e-mail schedule.
 */
@Component
public class EmailRoutes extends RouteBuilder {

    private final EmailMessages messages;

    public EmailRoutes(EmailMessages messages) {
        this.messages = messages;
    }

    @Override
    public void configure() {
        from(Channel.EMAIL.endpoint()).routeId(Channel.EMAIL.routeId())
                // The dispatcher owns retries: a failure goes straight back to it.
                .errorHandler(noErrorHandler())
                .bean(messages, "prepare")
                .doTry()
                    // The sender holds the relay's address and credentials; host and port here only name it.
                    .to("smtp://{{oasis.notification.email.host}}:{{oasis.notification.email.port}}"
                            + "?javaMailSender=#" + EmailConfiguration.SENDER)
                .doCatch(Exception.class)
                    .process(SmtpFailures::rethrow)
                .end()
                .bean(messages, "sent");
    }
}
