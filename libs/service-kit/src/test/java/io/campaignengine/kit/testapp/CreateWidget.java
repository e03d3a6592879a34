package io.campaignengine.kit.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** Request body of POST /api/businesses/{business}/widgets. {@code quantity} travels as JSON {@code qty}. */
public record CreateWidget(
        @NotBlank @Size(max = 200) String name,
        @JsonProperty("qty") @Min(1) int quantity,
        @Valid @NotNull Budget budget,
        List<@NotBlank String> tags) {

    public record Budget(@NotNull @Positive BigDecimal amount, @NotBlank @Size(min = 3, max = 3) String currency) {
    }
}
