package io.oasis.common.consumer;

import java.util.Set;

import org.apache.camel.Exchange;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import io.oasis.common.error.InvalidRequestException;
import io.oasis.common.paging.PageRequests;
import io.oasis.common.security.CurrentUser;
import io.oasis.common.web.ApiRequests;
import io.oasis.common.web.ApiResponse;

/** The HTTP side of {@link DeadLetters}; {@link DeadLetterRoutes} calls it after checking the admin role. */
public class DeadLetterEndpoints {

    private final DeadLetters letters;

    public DeadLetterEndpoints(DeadLetters letters) {
        this.letters = letters;
    }

    public ApiResponse list(Exchange exchange) {
        var message = exchange.getMessage();
        Pageable page = PageRequests.of(message.getHeader("page", String.class), message.getHeader("size", String.class),
                null, Set.of(), Sort.unsorted());
        String consumer = message.getHeader("consumer", String.class);
        return ApiResponse.ok(letters.list(consumer == null || consumer.isBlank() ? null : consumer.trim(),
                replayed(message.getHeader("replayed", String.class)), page));
    }

    public ApiResponse get(Exchange exchange) {
        return ApiResponse.ok(letters.get(ApiRequests.pathId(exchange, "dead letter")));
    }

    public ApiResponse replay(Exchange exchange) {
        CurrentUser caller = CurrentUser.of(exchange);
        String by = caller.username() != null ? caller.username() : caller.subject();
        return ApiResponse.ok(letters.replay(ApiRequests.pathId(exchange, "dead letter"), by));
    }

    private static Boolean replayed(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidRequestException.field("replayed", "must be true or false");
        };
    }
}
