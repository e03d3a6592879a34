package io.campaignengine.playbook.domain;

import jakarta.validation.constraints.NotBlank;

import java.util.List;

/** Objection → response pair; {@code segmentIds} empty means every segment. */
public record ObjectionHandler(@NotBlank String objection, @NotBlank String response, List<String> segmentIds) {
    public ObjectionHandler {
        segmentIds = segmentIds == null ? List.of() : List.copyOf(segmentIds);
    }
}
