package io.oasis.common.testapp;

import io.oasis.common.web.MultiLineText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record NewSample(@NotBlank @Size(max = 20) String name, @Min(1) @Max(10) int quantity,
        @MultiLineText @Size(max = 200) String note) {
}
