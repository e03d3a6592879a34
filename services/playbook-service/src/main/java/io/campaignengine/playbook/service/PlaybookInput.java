package io.campaignengine.playbook.service;

import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.CallToAction;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.Tone;
import io.campaignengine.playbook.domain.VisualDirection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of POST /api/playbooks (businessId and name required) and PUT /api/playbooks/{id} (fields left out or null
 * stay unchanged). Key messages are by audience segment id.
 */
public record PlaybookInput(
        UUID businessId,
        @Size(min = 1, max = 255) String name,
        String positioning,
        String founderStory,
        List<@Valid AudienceSegment> audiences,
        Map<String, List<String>> keyMessages,
        List<@Valid ObjectionHandler> objectionHandlers,
        List<@Valid Hook> hooks,
        List<@Valid CallToAction> callsToAction,
        VisualDirection visualDirection,
        Tone tone,
        Map<String, Object> content) {
}
