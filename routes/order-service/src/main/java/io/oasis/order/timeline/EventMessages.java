package io.oasis.order.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The notification service's messages for an order's events ({@code GET /internal/event-messages}). The
 * notification service owns them; the order service asks rather than keeping a copy, so the timeline
 * shows each attempt as it is now. Empty when that service cannot answer: the timeline then says so.
 */
@Component
public class EventMessages {

    private static final Logger LOG = LoggerFactory.getLogger(EventMessages.class);

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public EventMessages(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /** The messages (each with its attempts) as the notification service answers them, or empty if it did not. */
    public Optional<JsonNode> forEvents(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Optional.of(json.createArrayNode());
        }
        Exchange answer = producer.send(EventMessagesRoute.ENDPOINT,
                exchange -> exchange.getMessage().setHeader(EventMessagesRoute.EVENT_IDS, String.join(",", eventIds)));
        if (answer.getException() != null) {
            LOG.warn("The notification service could not be asked for messages: {}", answer.getException().toString());
            return Optional.empty();
        }
        int status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            LOG.warn("The notification service answered {} for the messages of {} events", status, eventIds.size());
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(answer.getMessage().getBody(byte[].class)).path("messages"));
        } catch (IOException e) {
            LOG.warn("The notification service's messages could not be read: {}", e.toString());
            return Optional.empty();
        }
    }
}
