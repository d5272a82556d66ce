package io.oasis.common.paging;

import io.oasis.common.error.FieldError;
import io.oasis.common.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code page}, {@code size} and {@code sort} query parameters the same way on every list:
 * page from 0, size 1..100 (default 20), sort {@code field} or {@code field,desc} over the fields a
 * list allows. Anything else is a 400 naming the parameter.
 */
public final class PageRequests {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    private PageRequests() {
    }

    public static Pageable of(String page, String size, String sort, Set<String> sortable, Sort defaultSort) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = parse(page, 0, "page", errors);
        int pageSize = parse(size, DEFAULT_SIZE, "size", errors);
        if (pageNumber < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        Sort order = defaultSort;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(",", 2);
            String field = parts[0].trim();
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
            if (!sortable.contains(field)) {
                errors.add(new FieldError("sort", "must be one of " + String.join(", ", sortable)
                        + ", optionally followed by ,asc or ,desc"));
            } else if (!direction.equals("asc") && !direction.equals("desc")) {
                errors.add(new FieldError("sort", "direction must be asc or desc"));
            } else {
                order = Sort.by(direction.equals("desc") ? Sort.Direction.DESC : Sort.Direction.ASC, field);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The paging parameters are invalid.", errors);
        }
        return PageRequest.of(pageNumber, pageSize, order);
    }

    private static int parse(String value, int fallback, String name, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "must be a whole number"));
            return fallback;
        }
    }
}
