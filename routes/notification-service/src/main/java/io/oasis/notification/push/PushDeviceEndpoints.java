package io.oasis.notification.push;

import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import java.io.IOException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Answers the operations of {@link PushDeviceRoutes}. */
@Component
public class PushDeviceEndpoints {

    static final String BASE = "/api/v1/notifications/devices";

    private final PushDevices devices;

    public PushDeviceEndpoints(PushDevices devices) {
        this.devices = devices;
    }

    public ApiResponse register(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        DeviceRegistration request = ApiRequests.body(exchange, DeviceRegistration.class);
        PushDevices.Registered registered = devices.register(request, caller);
        return registered.created()
                ? ApiResponse.created(registered.device(), BASE + "/" + registered.device().id())
                : ApiResponse.ok(registered.device());
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        return ApiResponse.ok(devices.list(ApiRequests.queryId(exchange, "customerId"),
                PageRequests.of(in.getHeader("page", String.class), in.getHeader("size", String.class), null,
                        Set.of(), Sort.by(Sort.Direction.ASC, "createdAt")),
                CurrentUser.of(exchange)));
    }

    public ApiResponse delete(Exchange exchange) {
        devices.delete(ApiRequests.pathId(exchange, "device"), CurrentUser.of(exchange));
        return ApiResponse.noContent();
    }

}
