package io.campaignengine.playbook.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A call to action, e.g. "Start Free Trial", optionally per segment. */
public record CallToAction(@NotBlank @Size(max = 100) String text, @Size(max = 500) String url, List<String> segmentIds) {
    public CallToAction {
        segmentIds = segmentIds == null ? List.of() : List.copyOf(segmentIds);
    }
}
