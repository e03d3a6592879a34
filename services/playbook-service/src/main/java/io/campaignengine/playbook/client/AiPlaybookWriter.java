package io.campaignengine.playbook.client;

import io.campaignengine.playbook.domain.AudienceSegment;
import io.campaignengine.playbook.domain.Business;
import io.campaignengine.playbook.domain.CallToAction;
import io.campaignengine.playbook.domain.Hook;
import io.campaignengine.playbook.domain.ObjectionHandler;
import io.campaignengine.playbook.domain.Tone;
import io.campaignengine.playbook.domain.VisualDirection;
import io.campaignengine.playbook.service.PlaybookBrief;
import io.campaignengine.playbook.service.PlaybookGenerator;
import io.campaignengine.playbook.service.PlaybookInput;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Calls the AI service (blocking) and turns its structured output into a playbook draft. */
@ApplicationScoped
public class AiPlaybookWriter {
    private final PlaybookWriterAiService service;

    public AiPlaybookWriter(PlaybookWriterAiService service) {
        this.service = service;
    }

    public PlaybookGenerator.Draft draft(Business business, PlaybookBrief b) {
        AiPlaybookDraft d = service.write(business.name, b.product(), nz(b.description()), nz(b.price()),
                String.join("; ", b.audiences()), String.join("; ", b.goals()), nz(b.tone()), String.join(", ", b.markets()),
                String.join("; ", b.differentiators()), nz(b.founderStory()));
        if (d == null || d.positioning() == null || d.audiences() == null || d.audiences().isEmpty() || d.hooks() == null
                || d.hooks().isEmpty()) {
            throw new IllegalStateException("the model returned an incomplete playbook");
        }
        List<AudienceSegment> segments = d.audiences().stream()
                .map(s -> new AudienceSegment(slug(s.id() != null ? s.id() : s.name()), s.name(), s.description(), s.painPoints(),
                        s.desires(), b.markets()))
                .toList();
        Set<String> ids = segments.stream().map(AudienceSegment::id).collect(Collectors.toSet());
        Map<String, List<String>> km = new LinkedHashMap<>();
        if (d.keyMessages() != null) {
            d.keyMessages().stream().filter(m -> m.segmentId() != null && ids.contains(slug(m.segmentId())) && m.messages() != null)
                    .forEach(m -> km.put(slug(m.segmentId()), m.messages().stream().filter(Objects::nonNull).toList()));
        }
        List<Hook> hooks = new ArrayList<>();
        for (int i = 0; i < d.hooks().size(); i++) {
            var h = d.hooks().get(i);
            List<String> seg = h.segmentIds() == null ? List.of()
                    : h.segmentIds().stream().map(AiPlaybookWriter::slug).filter(ids::contains).toList();
            hooks.add(new Hook("h" + (i + 1), h.text(), seg, h.theme(), h.emotion(), "untested"));
        }
        List<ObjectionHandler> objections = d.objectionHandlers() == null ? List.of()
                : d.objectionHandlers().stream().map(o -> new ObjectionHandler(o.objection(), o.response(), List.of())).toList();
        var v = d.visualDirection();
        VisualDirection visual = v == null ? VisualDirection.empty()
                : new VisualDirection(v.style(), business.brandColors, v.imageGuidelines(), v.avoid(), v.preferredImageCategories());
        var t = d.tone();
        Tone tone = t == null ? new Tone(b.tone(), null, null, null) : new Tone(t.voice(), t.attributes(), t.dos(), t.donts());
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("generator", "openai");
        String name = b.name() != null && !b.name().isBlank() ? b.name() : b.product() + " Playbook";
        PlaybookInput in = new PlaybookInput(business.id, name, d.positioning(), d.founderStory(), segments, km, objections, hooks,
                List.of(new CallToAction("Learn More", business.websiteUrl, List.of())), visual, tone, content);
        return new PlaybookGenerator.Draft(in, "openai");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String slug(String s) {
        String n = s == null ? "segment" : s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return n.isEmpty() ? "segment" : n;
    }
}
