package io.oasis.customer.crm;

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

/** The HTTP side of the CRM integration's operations; {@link CrmRoutes} calls one method each. */
@Component
public class CrmEndpoints {

    static final String BASE = "/api/v1/integrations/crm";

    private final CrmSyncFailures failures;
    private final CrmWebhook webhook;

    public CrmEndpoints(CrmSyncFailures failures, CrmWebhook webhook) {
        this.failures = failures;
        this.webhook = webhook;
    }

    public ApiResponse failures(Exchange exchange) {
        Message in = exchange.getMessage();
        return ApiResponse.ok(failures.list(PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.by(Sort.Direction.DESC, "failedAt"))));
    }

    public ApiResponse replay(Exchange exchange) {
        return ApiResponse.ok(failures.replay(ApiRequests.pathId(exchange, "CRM sync failure"), CurrentUser.of(exchange)));
    }

    /** The signature is checked over the raw bytes before the body is read as JSON at all. */
    public ApiResponse webhook(Exchange exchange) throws IOException {
        return ApiResponse.ok(webhook.accept(exchange,
                () -> webhook.apply(ApiRequests.body(exchange, CrmContactChange.class))));
    }
}
