package io.oasis.order.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.idempotency.CreatedResponse;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * The workflows API: what is deployed, one version with its model, and moving running instances between
 * versions.
 */
@Component
public class WorkflowEndpoints {

    private final Workflows workflows;
    private final InstanceMigration migration;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper objectMapper;

    public WorkflowEndpoints(Workflows workflows, InstanceMigration migration, IdempotencyKeys idempotencyKeys,
            ObjectMapper objectMapper) {
        this.workflows = workflows;
        this.migration = migration;
        this.idempotencyKeys = idempotencyKeys;
        this.objectMapper = objectMapper;
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        return ApiResponse.ok(workflows.list(PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.unsorted())));
    }

    public ApiResponse version(Exchange exchange) {
        String key = exchange.getMessage().getHeader("key", String.class);
        String version = exchange.getMessage().getHeader("version", String.class);
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw InvalidRequestException.field("version", "must be a whole number");
        }
        return ApiResponse.ok(workflows.version(key, number));
    }

    /** Moves instances; the Idempotency-Key, per caller, replays the first answer. */
    public ApiResponse migrate(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        String key = exchange.getMessage().getHeader("key", String.class);
        byte[] raw = ApiRequests.rawBody(exchange);
        String idempotencyKey = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        MigrationRequest request = ApiRequests.body(exchange, MigrationRequest.class);
        return ApiResponse.of(idempotencyKeys.run("workflow-migrate:" + caller.subject() + ":" + key, idempotencyKey,
                raw, () -> answer(migration.migrate(key, request, caller))));
    }

    private CreatedResponse answer(MigrationResult result) {
        try {
            return new CreatedResponse(200, objectMapper.writeValueAsString(result), null, null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
