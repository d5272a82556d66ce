package io.oasis.order.workflow;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/workflows/{key}/migrations}: move the running instances of one
 * version to another; only those at the given activities, if any are named.
 */
public record MigrationRequest(
        @NotNull @Min(1) Integer fromVersion,
        @NotNull @Min(1) Integer toVersion,
        @Size(max = 100) List<@NotBlank @Size(max = 255) String> activityIds) {

    public List<String> activities() {
        return activityIds == null ? List.of() : activityIds;
    }
}
