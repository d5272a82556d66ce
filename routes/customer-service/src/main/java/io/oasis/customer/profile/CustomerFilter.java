package io.oasis.customer.profile;

import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.jpa.domain.Specification;

/** The filters of {@code GET /customers}; each one left empty matches everything. */
public record CustomerFilter(String email, String nameContains, CustomerStatus status, Instant createdFrom,
        Instant createdTo) {

    public Specification<Customer> toSpecification() {
        return (root, query, cb) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (email != null) {
                predicates.add(cb.equal(root.get("emailKey"), email.toLowerCase(Locale.ROOT)));
            }
            if (nameContains != null) {
                String pattern = "%" + escapeLike(nameContains.toLowerCase(Locale.ROOT)) + "%";
                predicates.add(cb.or(
                        cb.like(cb.lower(root.get("givenName")), pattern, '\\'),
                        cb.like(cb.lower(root.get("familyName")), pattern, '\\')));
            }
            if (status != null) {
                predicates.add(cb.equal(root.get("status"), status));
            }
            if (createdFrom != null) {
                predicates.add(cb.greaterThanOrEqualTo(root.get("createdAt"), createdFrom));
            }
            if (createdTo != null) {
                predicates.add(cb.lessThan(root.get("createdAt"), createdTo));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    /** A name search for "50%" looks for the characters, not a wildcard. */
    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
