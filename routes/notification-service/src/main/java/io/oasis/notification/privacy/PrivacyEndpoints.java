package io.oasis.notification.privacy;

import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The HTTP side of the notification service's part of an export; {@link PrivacyRoutes} calls it. */
@Component
public class PrivacyEndpoints {

    private final NotificationExport export;

    public PrivacyEndpoints(NotificationExport export) {
        this.export = export;
    }

    public ApiResponse export(Exchange exchange) {
        return ApiResponse.ok(export.export(ApiRequests.pathId(exchange, "customer"), CurrentUser.of(exchange)));
    }
}
