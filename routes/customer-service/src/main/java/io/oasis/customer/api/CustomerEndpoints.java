package io.oasis.customer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.idempotency.CreatedResponse;
import io.oasis.common.idempotency.IdempotencyKeys;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;
import io.oasis.customer.history.HistoryRequest;
import io.oasis.customer.history.HistoryService;
import io.oasis.customer.preferences.PreferencesRequest;
import io.oasis.customer.preferences.PreferencesView;
import io.oasis.customer.privacy.CustomerErasure;
import io.oasis.customer.profile.ConfirmationCodes;
import io.oasis.customer.profile.CustomerFilter;
import io.oasis.customer.profile.CustomerRequest;
import io.oasis.customer.profile.CustomerService;
import io.oasis.customer.profile.CustomerStatus;
import io.oasis.customer.profile.CustomerView;
import io.oasis.customer.profile.EmailConfirmations;
import io.oasis.customer.profile.SelfRegistration;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * Turns the HTTP side of each customer operation (path, query, headers, body, caller) into a call
 * of the domain services, and their answer into an {@link ApiResponse}. The routes in
 * {@link CustomerRoutes} call one method each.
 */
@Component
public class CustomerEndpoints {

    static final String BASE = "/api/v1/customers";
    private static final Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "email", "familyName");

    private final CustomerService customers;
    private final EmailConfirmations confirmations;
    private final HistoryService history;
    private final CustomerErasure erasure;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper objectMapper;

    public CustomerEndpoints(CustomerService customers, EmailConfirmations confirmations, HistoryService history,
            CustomerErasure erasure,
            IdempotencyKeys idempotencyKeys, ObjectMapper objectMapper) {
        this.customers = customers;
        this.confirmations = confirmations;
        this.history = history;
        this.erasure = erasure;
        this.idempotencyKeys = idempotencyKeys;
        this.objectMapper = objectMapper;
    }

    /** 202 without a body whether or not the address was free: the answer must not tell (see CustomerService). */
    public ApiResponse create(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        byte[] raw = ApiRequests.rawBody(exchange);
        String key = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        CustomerRequest request = ApiRequests.body(exchange, CustomerRequest.class);
        return ApiResponse.of(idempotencyKeys.run("customer-create:" + caller.subject(), key, raw, () -> {
            customers.register(request);
            return new CreatedResponse(202, null, null, null);
        }));
    }

    /** 201 with the profile, or 202 with the profile whose address waits for its code. */
    public ApiResponse registerSelf(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        byte[] raw = ApiRequests.rawBody(exchange);
        String key = exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class);
        SelfRegistration request = ApiRequests.body(exchange, SelfRegistration.class);
        return ApiResponse.of(idempotencyKeys.run("customer-register-self:" + caller.subject(), key, raw, () -> {
            CustomerService.Registration registration = customers.registerSelf(request, caller);
            CreatedResponse created = created(registration.customer());
            return registration.created() ? created
                    : new CreatedResponse(202, created.body(), created.location(), created.etag());
        }));
    }

    public ApiResponse me(Exchange exchange) {
        return withEtag(customers.me(CurrentUser.of(exchange)));
    }

    public ApiResponse get(Exchange exchange) {
        return withEtag(customers.get(id(exchange), CurrentUser.of(exchange)));
    }

    public ApiResponse list(Exchange exchange) {
        Message in = exchange.getMessage();
        CustomerFilter filter = new CustomerFilter(
                blankToNull(in.getHeader("email", String.class)),
                blankToNull(in.getHeader("name", String.class)),
                status(in.getHeader("status", String.class)),
                instant("createdFrom", in.getHeader("createdFrom", String.class)),
                instant("createdTo", in.getHeader("createdTo", String.class)));
        return ApiResponse.ok(customers.list(filter, PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), in.getHeader("sort", String.class), SORTABLE,
                Sort.by(Sort.Direction.DESC, "createdAt"))));
    }

    /**
     * JSON merge patch of the contact fields, guarded by {@code If-Match}. A new email address waits for its
     * code: then the answer is 202, the profile showing the address as pending.
     */
    public ApiResponse patch(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        long expected = ApiRequests.requiredIfMatchVersion(exchange);
        JsonNode patch = readTree(exchange);
        JsonValue merged = Json.createMergePatch(jsonp(patch)).apply(jsonp(customers.editable(id, caller)));
        exchange.getMessage().setBody(merged.toString().getBytes(StandardCharsets.UTF_8));
        CustomerRequest changed = ApiRequests.body(exchange, CustomerRequest.class);
        CustomerService.ContactUpdate update = customers.update(id, changed, patch.has("email"), expected, caller);
        ApiResponse answer = withEtag(update.customer());
        return update.emailChangeRequested() ? new ApiResponse(202, answer.body(), answer.headers()) : answer;
    }

    /** The code mailed to a new address: the address becomes the profile's, or the answer says why not. */
    public ApiResponse confirmEmail(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        EmailConfirmationRequest request = ApiRequests.body(exchange, EmailConfirmationRequest.class);
        return withEtag(confirmations.confirm(id, request.code(), caller).orThrow());
    }

    public ApiResponse deactivate(Exchange exchange) {
        customers.deactivate(id(exchange), ApiRequests.ifMatchVersion(exchange), CurrentUser.of(exchange));
        return ApiResponse.noContent();
    }

    public ApiResponse erase(Exchange exchange) throws IOException {
        EraseRequest request = ApiRequests.body(exchange, EraseRequest.class);
        return ApiResponse.ok(erasure.erase(id(exchange), request.reason(), CurrentUser.of(exchange)));
    }

    public ApiResponse preferences(Exchange exchange) {
        PreferencesView view = customers.preferences(id(exchange), CurrentUser.of(exchange));
        return ApiResponse.ok(view).header("ETag", view.etag());
    }

    public ApiResponse replacePreferences(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        Long expected = ApiRequests.ifMatchVersion(exchange);
        PreferencesRequest request = ApiRequests.body(exchange, PreferencesRequest.class);
        PreferencesView view = customers.replacePreferences(id, request, expected, caller);
        return ApiResponse.ok(view).header("ETag", view.etag());
    }

    public ApiResponse history(Exchange exchange) {
        Message in = exchange.getMessage();
        return ApiResponse.ok(history.list(id(exchange), PageRequests.of(in.getHeader("page", String.class),
                in.getHeader("size", String.class), null, Set.of(), Sort.by(Sort.Direction.DESC, "occurredAt")),
                CurrentUser.of(exchange)));
    }

    public ApiResponse addHistory(Exchange exchange) throws IOException {
        CurrentUser caller = CurrentUser.of(exchange);
        UUID id = id(exchange);
        HistoryRequest request = ApiRequests.body(exchange, HistoryRequest.class);
        var entry = history.add(id, request, caller);
        return ApiResponse.created(entry, BASE + "/" + id + "/history/" + entry.id());
    }

    private JsonNode readTree(Exchange exchange) throws IOException {
        JsonNode patch = ApiRequests.tree(exchange);
        if (patch == null || !patch.isObject()) {
            throw InvalidRequestException.field("$", "a merge patch must be a JSON object");
        }
        return patch;
    }

    private CreatedResponse created(CustomerView view) {
        return CreatedResponse.created(objectMapper, view, BASE + "/" + view.id(), view.etag());
    }

    private static ApiResponse withEtag(CustomerView view) {
        return ApiResponse.ok(view).header("ETag", view.etag());
    }

    private static UUID id(Exchange exchange) {
        return ApiRequests.pathId(exchange, "customer");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static CustomerStatus status(String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return CustomerStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.field("status", "must be one of active, deactivated, erased");
        }
    }

    private static Instant instant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field(name, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    /** The body of the email confirmation: the code sent to the new address. */
    public record EmailConfirmationRequest(
            @NotBlank @Pattern(regexp = ConfirmationCodes.PATTERN, message = "must be the 8 digits sent to the new address")
            String code) {
    }

    /** The body of the admin's erase action: why, for the audit log. */
    public record EraseRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** A value as JSON-P sees it, written by the service's own mapper. */
    private JsonValue jsonp(Object value) throws IOException {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(objectMapper.writeValueAsBytes(value)))) {
            return reader.readValue();
        }
    }
}
