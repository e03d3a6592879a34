package io.campaignengine.playbook.client;

import java.util.List;

/** The structured output asked from the language model. */
public record AiPlaybookDraft(
        String positioning,
        String founderStory,
        List<Segment> audiences,
        List<SegmentMessages> keyMessages,
        List<Objection> objectionHandlers,
        List<HookDraft> hooks,
        Visual visualDirection,
        ToneDraft tone) {

    public record Segment(String id, String name, String description, List<String> painPoints, List<String> desires) {
    }

    public record SegmentMessages(String segmentId, List<String> messages) {
    }

    public record Objection(String objection, String response) {
    }

    public record HookDraft(String text, List<String> segmentIds, String theme, String emotion) {
    }

    public record Visual(String style, List<String> imageGuidelines, List<String> avoid, List<String> preferredImageCategories) {
    }

    public record ToneDraft(String voice, List<String> attributes, List<String> dos, List<String> donts) {
    }
}
