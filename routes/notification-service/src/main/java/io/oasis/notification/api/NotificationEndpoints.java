package io.oasis.notification.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.idempotency.CreatedResponse;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import io.oasis.notification.delivery.Channel;
import io.oasis.notification.delivery.NotificationStatus;
import io.oasis.notification.delivery.NotificationView;
import io.oasis.notification.planning.DirectSend;
import java.io.IOException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Answers the operations of {@link NotificationRoutes}. */
@Component
public class NotificationEndpoints {

    private final NotificationLog log;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper json;

    public NotificationEndpoints(NotificationLog log, IdempotencyKeys idempotencyKeys, ObjectMapper json) {
        this.log = log;
        this.idempotencyKeys = idempotencyKeys;
        this.json = json;
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        NotificationFilter filter = new NotificationFilter(ApiRequests.queryId(exchange, "customerId"),
                NotificationView.parse("status", in.getHeader("status", String.class), NotificationStatus.class),
                NotificationView.parse("channel", in.getHeader("channel", String.class), Channel.class));
        return ApiResponse.ok(log.list(filter, PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.by(Sort.Direction.DESC, "createdAt")),
                CurrentUser.of(exchange)));
    }

    public ApiResponse get(Exchange exchange) {
        return ApiResponse.ok(log.get(ApiRequests.pathId(exchange, "notification"), CurrentUser.of(exchange)));
    }

    public ApiResponse retry(Exchange exchange) {
        return ApiResponse.ok(log.retry(ApiRequests.pathId(exchange, "notification"), CurrentUser.of(exchange)));
    }

    public ApiResponse send(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        byte[] raw = ApiRequests.rawBody(exchange);
        String key = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        DirectSend request = ApiRequests.body(exchange, DirectSend.class);
        return ApiResponse.of(idempotencyKeys.run("notification-send:" + caller.subject(), key, raw, () -> {
            NotificationView view = log.send(request, caller);
            return CreatedResponse.created(json, view, "/api/v1/notifications/" + view.id(), null);
        }));
    }
}
