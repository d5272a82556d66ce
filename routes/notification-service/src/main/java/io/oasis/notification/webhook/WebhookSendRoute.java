package io.oasis.notification.webhook;

import io.oasis.notification.delivery.Channel;
import io.oasis.notification.safety.OutboundHeaders;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends one webhook: {@code direct:notification-send-webhook} with an {@code OutgoingMessage}. camel-http
 * posts it with the {@code webhookHttpClient} (see {@link WebhookConfiguration}), whose DNS resolver pins
 * the addresses the target guard checked; the URL comes from the subscription through {@code CamelHttpUri}
 * (the placeholder host in the endpoint is never used). Failures go back to the dispatcher, which retries.
 * camel-http rather than the JDK's HttpClient: that one has no resolver to hook into, so it could not be
 * made to connect to the checked addresses while keeping the host name for the Host header and TLS.
 */
@Component
public class WebhookSendRoute extends RouteBuilder {

    static final String RECEIVER = "http://webhook-receiver?httpClient=#webhookHttpClient&httpMethod=POST"
            + "&throwExceptionOnFailure=false&ignoreResponseBody=true&followRedirects=false";

    @Override
    public void configure() {
        from(Channel.WEBHOOK.endpoint()).routeId(Channel.WEBHOOK.routeId())
                .errorHandler(noErrorHandler())
                .process(OutboundHeaders::clear)
                .bean(WebhookSender.class, "prepare")
                .doTry()
                    .to(RECEIVER).id("webhook-post")
                .doCatch(Exception.class)
                    .bean(WebhookSender.class, "failed")
                .end()
                .bean(WebhookSender.class, "answered");
    }
}
