package io.oasis.notification.timeline;

import io.oasis.common.error.ForbiddenException;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiResponse;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.NotificationAccess;
import io.oasis.notification.delivery.NotificationRepository;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link EventMessageRoutes}: the messages that answered the given events, for staff (support agents and
 * admins, who read every customer's messages anyway; the order service asks with its own account, a support
 * agent's). Messages to people (e-mail, SMS, push) and webhook deliveries alike, each with its attempts; a webhook
 * delivery only as far as it is the order's story (outcome, provider status, trace), never its subscription, URL
 * or the partner's answers, which stay their subscription owner's ({@link NotificationAccess}, {@link EventMessage}).
 */
@Component
public class EventMessageEndpoints {

    /** An order has a handful of events; a longer list is a mistake, not a timeline. */
    static final int MAX_EVENT_IDS = 200;

    private final NotificationRepository notifications;

    public EventMessageEndpoints(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @Transactional(readOnly = true)
    public ApiResponse list(Exchange exchange) {
        CurrentUser caller = CurrentUser.of(exchange);
        if (!NotificationAccess.isStaff(caller)) {
            throw new ForbiddenException("only support agents and admins read the messages of any event");
        }
        String raw = exchange.getMessage().getHeader("eventIds", String.class);
        List<String> eventIds = raw == null ? List.of()
                : Arrays.stream(raw.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (eventIds.isEmpty() || eventIds.size() > MAX_EVENT_IDS) {
            throw InvalidRequestException.field("eventIds", "name 1 to " + MAX_EVENT_IDS + " event ids, comma-separated");
        }
        List<EventMessage> messages = notifications.findByEventIdInAndChannelIn(eventIds,
                EnumSet.allOf(Channel.class)).stream()
                .sorted(Comparator.comparing(n -> n.getCreatedAt()))
                .map(EventMessage::of).toList();
        return ApiResponse.ok(Map.of("messages", messages));
    }
}
