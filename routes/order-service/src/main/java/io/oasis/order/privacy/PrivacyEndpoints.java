package io.oasis.order.privacy;

import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The HTTP side of the order service's part of an export; {@link PrivacyRoutes} calls it. */
@Component
public class PrivacyEndpoints {

    private final OrderExport export;

    public PrivacyEndpoints(OrderExport export) {
        this.export = export;
    }

    public ApiResponse export(Exchange exchange) {
        return ApiResponse.ok(export.export(ApiRequests.pathId(exchange, "customer"), CurrentUser.of(exchange)));
    }
}
