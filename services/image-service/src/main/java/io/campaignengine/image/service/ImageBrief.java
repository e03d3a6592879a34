package io.campaignengine.image.service;

import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.VisualDirection;

import java.util.List;

/** What an image request is about: the waiting content's message and needs, and the playbook's visual direction. */
public record ImageBrief(String segment, String segmentName, List<String> emotions, List<String> themes, String headline,
                         String body, String hookText, String contentType, List<Placement> placements,
                         VisualDirection visual, String positioning) {
}
