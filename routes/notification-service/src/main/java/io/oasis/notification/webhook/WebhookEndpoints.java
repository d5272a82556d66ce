package io.oasis.notification.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.idempotency.CreatedResponse;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.NotificationView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Answers the operations of {@link WebhookRoutes}. */
@Component
public class WebhookEndpoints {

    public static final String BASE = "/api/v1/webhooks/subscriptions";

    private final WebhookSubscriptions subscriptions;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper json;

    public WebhookEndpoints(WebhookSubscriptions subscriptions, IdempotencyKeys idempotencyKeys, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
    }

    public ApiResponse create(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        byte[] raw = ApiRequests.rawBody(exchange);
        String key = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        WebhookRequest request = ApiRequests.body(exchange, WebhookRequest.class);
        subscriptions.checkTarget(request);
        return ApiResponse.of(idempotencyKeys.run("notification-webhook-create:" + caller.subject(), key, raw, () -> {
            WebhookSubscriptionView view = subscriptions.create(request, caller);
            return CreatedResponse.created(json, view, BASE + "/" + view.id(), null);
        }));
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        return ApiResponse.ok(subscriptions.list(PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.by(Sort.Direction.DESC, "createdAt")),
                CurrentUser.of(exchange)));
    }

    public ApiResponse get(Exchange exchange) {
        return ApiResponse.ok(subscriptions.get(ApiRequests.pathId(exchange, "webhook subscription"),
                CurrentUser.of(exchange)));
    }

    public ApiResponse deliveries(Exchange exchange) {
        Message in = exchange.getMessage();
        NotificationStatus status = NotificationView.parse("status", in.getHeader("status", String.class),
                NotificationStatus.class);
        return ApiResponse.ok(subscriptions.deliveries(ApiRequests.pathId(exchange, "webhook subscription"), status,
                PageRequests.of(in.getHeader("page", String.class), in.getHeader("size", String.class), null, Set.of(),
                        Sort.by(Sort.Direction.DESC, "createdAt")),
                CurrentUser.of(exchange)));
    }

    public ApiResponse delete(Exchange exchange) {
        subscriptions.delete(ApiRequests.pathId(exchange, "webhook subscription"), CurrentUser.of(exchange));
        return ApiResponse.noContent();
    }

    public ApiResponse replay(Exchange exchange) {
        CurrentUser caller = CurrentUser.of(exchange);
        Instant since = instant("since", exchange.getMessage().getHeader("since", String.class));
        return new ApiResponse(202, subscriptions.replay(ApiRequests.pathId(exchange, "webhook subscription"), since,
                caller), Map.of());
    }

    public ApiResponse enable(Exchange exchange) {
        return ApiResponse.ok(subscriptions.enable(ApiRequests.pathId(exchange, "webhook subscription"),
                CurrentUser.of(exchange)));
    }

    public ApiResponse rotateSecret(Exchange exchange) {
        String hours = exchange.getMessage().getHeader("overlapHours", String.class);
        Duration overlap = WebhookSubscriptions.DEFAULT_OVERLAP;
        if (hours != null && !hours.isBlank()) {
            try {
                overlap = Duration.ofHours(Integer.parseInt(hours.trim()));
            } catch (NumberFormatException e) {
                throw InvalidRequestException.field("overlapHours", "must be a whole number of hours");
            }
        }
        return ApiResponse.ok(subscriptions.rotateSecret(ApiRequests.pathId(exchange, "webhook subscription"), overlap,
                CurrentUser.of(exchange)));
    }

    public ApiResponse sendTestEvent(Exchange exchange) {
        WebhookSubscriptionView.TestEvent test = subscriptions.sendTestEvent(
                ApiRequests.pathId(exchange, "webhook subscription"), CurrentUser.of(exchange));
        return new ApiResponse(202, test, Map.of("Location", "/api/v1/notifications/" + test.notificationId()));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.field(name, "is required: an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(name, "must be an ISO-8601 instant such as 2025-01-31T12:00:00Z");
        }
    }
}
