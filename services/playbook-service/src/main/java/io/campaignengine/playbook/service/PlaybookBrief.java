package io.campaignengine.playbook.service;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Body of POST /api/playbooks/generate: what the business sells, to whom, what it wants and how it sounds.
 * The generator drafts positioning, audiences, key messages per segment, objection handlers, hooks and visual
 * direction from it.
 */
public record PlaybookBrief(
        @NotNull UUID businessId,
        @Size(max = 255) String name,
        @NotBlank @Size(max = 255) String product,
        @Size(max = 4000) String description,
        @Size(max = 100) String price,
        @NotEmpty @Size(max = 8) List<@NotBlank @Size(max = 255) String> audiences,
        @Size(max = 10) List<@NotBlank String> goals,
        @Size(max = 255) String tone,
        List<@NotBlank String> markets,
        List<@NotBlank String> differentiators,
        @Size(max = 4000) String founderStory) {

    public PlaybookBrief {
        goals = goals == null ? List.of() : List.copyOf(goals);
        markets = markets == null ? List.of() : List.copyOf(markets);
        differentiators = differentiators == null ? List.of() : List.copyOf(differentiators);
    }
}
