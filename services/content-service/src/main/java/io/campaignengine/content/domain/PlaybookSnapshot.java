package io.campaignengine.content.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The content-relevant part of an active playbook, copied from {@code PlaybookActivated} (event-carried state: this
 * service never reads playbook-service's tables).
 */
public record PlaybookSnapshot(UUID playbookId, UUID businessId, String name, int version, String positioning, String founderStory,
                               List<Segment> segments, Map<String, List<String>> keyMessages, List<Objection> objections,
                               List<Hook> hooks, List<Cta> ctas, Tone tone, List<String> imageGuidelines) {

    public record Segment(String id, String name, String description, List<String> painPoints, List<String> desires) {
    }

    public record Objection(String objection, String response, List<String> segmentIds) {
    }

    /** status: untested, testing, winning, losing, retired, unknown (lower case of the event's HookStatus). */
    public record Hook(String id, String text, String status, List<String> segmentIds, String theme, String emotion) {
        public boolean appliesTo(String segment) {
            return segmentIds == null || segmentIds.isEmpty() || segmentIds.contains(segment);
        }
    }

    public record Cta(String text, String url, List<String> segmentIds) {
        public boolean appliesTo(String segment) {
            return segmentIds == null || segmentIds.isEmpty() || segmentIds.contains(segment);
        }
    }

    public record Tone(String voice, List<String> attributes, List<String> dos, List<String> donts) {
    }

    public Segment segment(String id) {
        return segments.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    public Hook hook(String id) {
        return hooks.stream().filter(h -> h.id().equals(id)).findFirst().orElse(null);
    }

    public List<String> messagesFor(String segment) {
        List<String> m = keyMessages == null ? null : keyMessages.get(segment);
        if (m != null && !m.isEmpty()) {
            return m;
        }
        return keyMessages == null ? List.of() : keyMessages.values().stream().flatMap(List::stream).toList();
    }

    public List<Objection> objectionsFor(String segment) {
        return objections.stream().filter(o -> o.segmentIds() == null || o.segmentIds().isEmpty() || o.segmentIds().contains(segment)).toList();
    }

    public List<Cta> ctasFor(String segment) {
        return ctas.stream().filter(c -> c.appliesTo(segment)).toList();
    }
}
