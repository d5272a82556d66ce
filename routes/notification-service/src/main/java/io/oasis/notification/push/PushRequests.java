package io.oasis.notification.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oasis.common.http.NoAutomaticRetries;
import io.oasis.notification.delivery.DeliveryException;
import io.oasis.notification.delivery.OutgoingMessage;
import io.oasis.notification.safety.OutboundHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link OutgoingMessage} into the provider's send request (the FCM HTTP v1 shape):
 * <pre>{@code
 * {"message": {"token": "...", "notification": {"title": "...", "body": "..."},
 *              "data": {"notificationId": "...", "eventType": "..."}}}
 * }</pre>
 * The JSON is written by Jackson, so a title or body with quotes or line breaks stays text. Every header
 * the exchange came with is dropped first: only the provider's URL (from config) and an access token minted
 * from the configured key ({@link PushCredentials}) are used, whatever a caller put on the exchange.
 */
@Component
public class PushRequests {

    /** Exchange property with the provider endpoint the route sends to. */
    public static final String TARGET = "OasisPushTarget";

    private final PushSettings settings;
    private final PushCredentials credentials;
    private final ObjectMapper json;

    public PushRequests(PushSettings settings, PushCredentials credentials, ObjectMapper json) {
        this.settings = settings;
        this.credentials = credentials;
        this.json = json;
    }

    public void prepare(Exchange exchange) {
        OutboundHeaders.clear(exchange);
        OutgoingMessage message = exchange.getMessage().getBody(OutgoingMessage.class);
        if (message == null) {
            throw DeliveryException.permanent("A push needs an OutgoingMessage as its body", null);
        }
        Optional<String> unconfigured = unconfigured();
        if (unconfigured.isPresent()) {
            throw DeliveryException.permanent("Push is not configured: " + unconfigured.get(), null);
        }
        exchange.getMessage().setBody(body(message));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + credentials.accessToken());
        headers.put(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        OutboundHeaders.set(exchange, headers);
        exchange.setProperty(TARGET, endpoint());
    }

    /** Why no push can be sent as configured (no key, a bad key, no project, no provider URL), or empty. */
    public Optional<String> unconfigured() {
        return credentials.problem().or(() -> settings.problem(credentials.projectId()));
    }

    /** The request body; fields without a value are left out (the provider takes only strings in {@code data}). */
    byte[] body(OutgoingMessage message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode push = root.putObject("message");
        push.put("token", message.recipient());
        ObjectNode notification = push.putObject("notification");
        putIfPresent(notification, "title", message.subject());
        putIfPresent(notification, "body", message.text());
        ObjectNode data = push.putObject("data");
        putIfPresent(data, "notificationId", message.notificationId() == null ? null
                : message.notificationId().toString());
        putIfPresent(data, "eventType", message.eventType());
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A push request could not be written as JSON", e);
        }
    }

    /**
     * The camel-http endpoint: POST only (no header can change the method), failures answered as a status
     * (examined by {@link PushResponses}), no retries inside the client ({@link NoAutomaticRetries}), the
     * request's headers not copied onto the answer, timeouts from config.
     */
    private String endpoint() {
        long millis = settings.timeout().toMillis();
        return settings.sendUrl(credentials.projectId()) + "?httpMethod=POST&throwExceptionOnFailure=false&copyHeaders=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
                + "&connectTimeout=" + millis + "&connectionRequestTimeout=" + millis
                + "&responseTimeout=" + millis + "&soTimeout=" + millis;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
