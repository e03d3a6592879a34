package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlaybookSnapshot;

import java.util.List;
import java.util.stream.Collectors;

/** The prompts of the LangChain4j providers (versioned: the version is recorded in each piece's generation_metadata). */
public final class Prompts {
    private Prompts() {
    }

    public static final String VERSION = "content-v1";

    public static final String SYSTEM = """
            You are the copywriter of a marketing team. You write social media content variations from a brand playbook.
            Stay inside the playbook: its positioning, key messages, objection handlers, tone and calls to action. Never invent
            prices, guarantees or statistics that are not in the playbook. Each variation must be clearly different from the others
            (different opening, angle or structure) and must deliver the given hook.
            Answer with ONE JSON object and nothing else (no prose, no markdown fences), exactly of this shape:
            {"variations":[{"headline":"...","body":"...","ctaText":"...","emotions":["..."],"themes":["..."]}]}
            headline: at most 12 words (<= 255 characters). body: 2 to 6 sentences. ctaText: at most 5 words (<= 100 characters).
            emotions: 1-3 single lower-case words the piece evokes (e.g. hope, relief, pride, urgency, trust, curiosity).
            themes: 1-3 lower-case words or snake_case ids (e.g. roi, story, feature, comparison, social_proof, urgency).""";

    public static String user(GenerationRequest r) {
        PlaybookSnapshot p = r.playbook();
        PlaybookSnapshot.Segment seg = p.segment(r.segmentId());
        StringBuilder sb = new StringBuilder();
        sb.append("Write ").append(r.count()).append(" variation(s) of a ").append(r.contentType().replace('_', ' '))
                .append(" for the campaign \"").append(r.campaignName()).append("\" (objective: ").append(r.objective()).append(").\n\n");
        sb.append("Brand: ").append(p.name()).append("\nPositioning: ").append(p.positioning()).append('\n');
        if (p.founderStory() != null && !p.founderStory().isBlank()) {
            sb.append("Founder story: ").append(p.founderStory()).append('\n');
        }
        sb.append("\nAudience segment: ").append(seg == null ? r.segmentId() : seg.name() + " (" + seg.id() + ")");
        if (seg != null) {
            if (seg.description() != null) {
                sb.append(" - ").append(seg.description());
            }
            sb.append("\nPain points: ").append(join(seg.painPoints())).append("\nDesires: ").append(join(seg.desires()));
        }
        sb.append("\nKey messages: ").append(join(p.messagesFor(r.segmentId())));
        sb.append("\nObjection handlers: ").append(p.objectionsFor(r.segmentId()).stream()
                .map(o -> "\"" + o.objection() + "\" -> " + o.response()).collect(Collectors.joining("; ")));
        sb.append("\nCalls to action: ").append(p.ctasFor(r.segmentId()).stream().map(PlaybookSnapshot.Cta::text).collect(Collectors.joining("; ")));
        if (p.tone() != null) {
            sb.append("\nTone: ").append(p.tone().voice()).append("; attributes: ").append(join(p.tone().attributes()))
                    .append("; do: ").append(join(p.tone().dos())).append("; don't: ").append(join(p.tone().donts()));
        }
        sb.append("\n\nHook to deliver (id ").append(r.hook().id()).append("): \"").append(r.hook().text()).append('"');
        if (r.hook().theme() != null) {
            sb.append(" (theme ").append(r.hook().theme()).append(')');
        }
        if (r.hook().emotion() != null) {
            sb.append(" (emotion ").append(r.hook().emotion()).append(')');
        }
        if (r.guidance() != null && !r.guidance().isBlank()) {
            sb.append("\nGuidance from the optimizer: ").append(r.guidance());
        }
        sb.append("\n\nReturn exactly ").append(r.count()).append(" variation(s) in the JSON object.");
        return sb.toString();
    }

    public static String retry(String problem) {
        return "Your previous answer could not be used: " + problem
                + ". Answer again with ONLY the JSON object {\"variations\":[...]} in the required shape.";
    }

    static String join(List<String> l) {
        return l == null || l.isEmpty() ? "-" : String.join("; ", l);
    }
}
