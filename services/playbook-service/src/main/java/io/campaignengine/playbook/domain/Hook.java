package io.campaignengine.playbook.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A hook to test. {@code id} is stable across versions (content refers to it); when omitted on input it is
 * derived from the position ({@code h1}, {@code h2}, ...). {@code status}: untested, testing, winning, losing, retired.
 */
public record Hook(
        @Size(max = 100) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower case letters, digits, _ or -") String id,
        @NotBlank String text,
        List<String> segmentIds,
        String theme,
        String emotion,
        @Pattern(regexp = "untested|testing|winning|losing|retired", message = "must be one of untested, testing, winning, losing, retired") String status) {

    public Hook {
        segmentIds = segmentIds == null ? List.of() : List.copyOf(segmentIds);
        status = status == null ? "untested" : status;
    }

    public Hook withId(String newId) {
        return new Hook(newId, text, segmentIds, theme, emotion, status);
    }
}
