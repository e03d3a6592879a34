package io.campaignengine.playbook.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** An audience segment of a playbook, e.g. {@code tia_seeker}; {@code id} is what campaigns and hooks refer to. */
public record AudienceSegment(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower case letters, digits, _ or -") String id,
        @NotBlank @Size(max = 255) String name,
        String description,
        List<String> painPoints,
        List<String> desires,
        List<String> targetMarkets) {

    public AudienceSegment {
        painPoints = painPoints == null ? List.of() : List.copyOf(painPoints);
        desires = desires == null ? List.of() : List.copyOf(desires);
        targetMarkets = targetMarkets == null ? List.of() : List.copyOf(targetMarkets);
    }
}
