package io.campaignengine.content;

import io.campaignengine.content.domain.CampaignSnapshot;
import io.campaignengine.content.domain.PlaybookSnapshot;
import io.campaignengine.content.service.Draft;
import io.campaignengine.content.service.Engine;
import io.campaignengine.content.service.GenerationRequest;
import io.campaignengine.content.service.OfflineGenerator;
import io.campaignengine.content.service.ProviderResult;
import io.campaignengine.content.service.Scorer;
import io.campaignengine.content.service.Similarity;
import io.campaignengine.content.service.Utm;
import io.campaignengine.content.service.VariationProvider;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine without I/O: offline generator, hook choice, scoring, near-duplicates, UTM. */
class EngineTest {

    static PlaybookSnapshot playbook() {
        return new PlaybookSnapshot(UUID.randomUUID(), UUID.randomUUID(), "Melissa for Educators", 1,
                "The TIA coach for Texas teachers.", "Melissa taught fourth grade for eleven years.",
                List.of(new PlaybookSnapshot.Segment("tia_seeker", "TIA seekers", null, List.of("paperwork"), List.of("a higher salary")),
                        new PlaybookSnapshot.Segment("true_believer", "True believers", null, List.of("burnout"), List.of("growth that counts"))),
                Map.of("tia_seeker", List.of("Our coaching walks you through every TIA step.", "Teachers finish their portfolio weeks earlier."),
                        "true_believer", List.of("Your students' growth deserves to be seen.")),
                List.of(new PlaybookSnapshot.Objection("I don't have time", "Each module takes twenty minutes.", List.of())),
                List.of(new PlaybookSnapshot.Hook("h_win", "What if your TIA designation paid for itself?", "winning", List.of(), "roi", "hope"),
                        new PlaybookSnapshot.Hook("h_new", "Melissa almost quit teaching", "untested", List.of(), "story", "trust"),
                        new PlaybookSnapshot.Hook("h_test", "Stop drowning in paperwork", "testing", List.of(), "feature", "relief"),
                        new PlaybookSnapshot.Hook("h_lose", "Teachers are leaving", "losing", List.of(), "urgency", "fear"),
                        new PlaybookSnapshot.Hook("h_other", "Only for believers", "untested", List.of("true_believer"), "story", "pride")),
                List.of(new PlaybookSnapshot.Cta("Start your free trial", "https://melissa.example.com/trial", List.of())),
                new PlaybookSnapshot.Tone("warm", List.of("encouraging"), List.of("speak to teachers as professionals"), List.of("guilt trips")),
                List.of());
    }

    static CampaignSnapshot campaign(PlaybookSnapshot p) {
        return new CampaignSnapshot(UUID.randomUUID(), p.businessId(), "Back to School", p.playbookId(), 1, "trials",
                List.of("tia_seeker", "true_believer"), List.of("facebook", "instagram", "twitter", "linkedin"), List.of("organic_post", "ad"),
                List.of(), 10, "https://melissa.example.com/tia", "alice");
    }

    @Test
    void hooksUntriedFirstThenProvenNeverLosingOrForeign() {
        PlaybookSnapshot p = playbook();
        List<String> order = Engine.chooseHooks(p, List.of(), List.of(), "tia_seeker", Set.of()).stream().map(PlaybookSnapshot.Hook::id).toList();
        assertEquals(List.of("h_new", "h_win", "h_test"), order);
        // once tried in this campaign, an untested hook falls behind the proven ones
        order = Engine.chooseHooks(p, List.of(), List.of(), "tia_seeker", Set.of("h_new")).stream().map(PlaybookSnapshot.Hook::id).toList();
        assertEquals(List.of("h_win", "h_test", "h_new"), order);
        // explicitly requested hooks are used even when losing
        order = Engine.chooseHooks(p, List.of(), List.of("h_lose"), "tia_seeker", Set.of()).stream().map(PlaybookSnapshot.Hook::id).toList();
        assertEquals(List.of("h_lose"), order);
        assertTrue(Engine.chooseHooks(p, List.of(), List.of(), "true_believer", Set.of()).stream().anyMatch(h -> h.id().equals("h_other")));
    }

    @Test
    void offlineGeneratorIsReproducibleAndVaried() {
        PlaybookSnapshot p = playbook();
        OfflineGenerator g = new OfflineGenerator();
        var hook = p.hook("h_win");
        GenerationRequest req = new GenerationRequest(p, "Back to School", "trials", "tia_seeker", hook, "organic_post", 6, 0, 7L, null);
        ProviderResult a = g.generate(req);
        ProviderResult b = g.generate(req);
        assertEquals(a.drafts(), b.drafts(), "same inputs, same text");
        Set<String> distinct = new HashSet<>();
        a.drafts().forEach(d -> distinct.add(d.headline() + d.body()));
        assertEquals(6, distinct.size(), "different variation indexes give different text");
        ProviderResult other = g.generate(new GenerationRequest(p, "Back to School", "trials", "tia_seeker", p.hook("h_test"), "ad", 1, 0, 7L, null));
        assertNotEquals(a.drafts().get(0).body(), other.drafts().get(0).body());
        for (Draft d : a.drafts()) {
            assertTrue(d.body().matches("^[A-Z\"].*[.!?]$"), "starts with a capital, ends a sentence: " + d.body());
            assertTrue(!d.body().contains("  ") && !d.body().contains(" ."), d.body());
        }
    }

    @Test
    void engineFillsEverySegmentWithoutDuplicatesAndWithinLimits() {
        PlaybookSnapshot p = playbook();
        CampaignSnapshot c = campaign(p);
        Engine.Output out = new Engine(new OfflineGenerator()).run(new Engine.Input(p, c, c.segmentIds(), List.of(), 10, 1L, null, List.of(), Set.of()));
        assertEquals(20, out.pieces().size(), "10 per segment: " + out.rejections());
        for (int i = 0; i < out.pieces().size(); i++) {
            for (int j = i + 1; j < out.pieces().size(); j++) {
                var a = out.pieces().get(i).draft();
                var b = out.pieces().get(j).draft();
                assertTrue(Similarity.similarity(a.headline(), a.body(), b.headline(), b.body()) < Similarity.NEAR_DUPLICATE);
            }
        }
        out.pieces().forEach(piece -> {
            assertEquals(4, piece.variants().size());
            piece.variants().values().forEach(v -> assertTrue(v.characterLimit() == null || v.characterCount() <= v.characterLimit()));
            assertEquals(piece.id().toString(), piece.utm().get("content"));
            assertTrue(piece.trackedUrl().startsWith("https://melissa.example.com/tia?utm_source=facebook&utm_medium="));
            assertTrue(piece.scores().overall() > 0 && piece.scores().overall() <= 100);
            assertTrue(!piece.tags().emotions().isEmpty() && !piece.tags().themes().isEmpty());
        });
    }

    @Test
    void nearDuplicatesAreDroppedAndReported() {
        PlaybookSnapshot p = playbook();
        CampaignSnapshot c = campaign(p);
        VariationProvider same = new OfflineGenerator() {
            @Override
            public ProviderResult generate(GenerationRequest r) {
                Draft d = new Draft("One headline for everyone", "The same body every single time, about the TIA portfolio and teachers.",
                        "Start your free trial", List.of(), List.of());
                return new ProviderResult(java.util.Collections.nCopies(r.count(), d), "offline", "same", null, 0, 0, 1, List.of());
            }
        };
        Engine.Output out = new Engine(same).run(new Engine.Input(p, c, List.of("tia_seeker"), List.of(), 3, 1L, null, List.of(), Set.of()));
        assertEquals(1, out.pieces().size());
        assertTrue(out.rejections().stream().allMatch(r -> r.reason().equals("near_duplicate")));
        assertTrue(out.rejections().size() >= 2);
    }

    @Test
    void scoresExplainThemselves() {
        PlaybookSnapshot p = playbook();
        var good = Scorer.score(p, p.hook("h_win"), "What if your TIA designation paid for itself?",
                "What if your TIA designation paid for itself? Our coaching walks you through every TIA step. Each module takes twenty minutes.",
                "Start your free trial");
        var bad = Scorer.score(p, p.hook("h_win"), "BUY NOW",
                "AMAZING guaranteed results!!! Unbelievable, act now!!!", null);
        assertTrue(good.hookAlignment() > bad.hookAlignment());
        assertTrue(good.brandVoice() > bad.brandVoice());
        assertTrue(good.clarity() > bad.clarity());
        assertTrue(bad.brandVoiceReasons().stream().anyMatch(r -> r.contains("hype")));
        assertTrue(bad.clarityReasons().stream().anyMatch(r -> r.contains("no call to action")));
    }

    @Test
    void utmUrlsKeepOtherParametersAndReplaceOldUtm() {
        String url = Utm.url("https://x.example.com/p?ref=fb&utm_source=old#top", Utm.params("instagram", "social", "back_to_school", "abc"));
        assertEquals("https://x.example.com/p?ref=fb&utm_source=instagram&utm_medium=social&utm_campaign=back_to_school&utm_content=abc#top", url);
        assertEquals("https://x.example.com/?utm_source=facebook&utm_medium=paid_social&utm_campaign=c&utm_content=id",
                Utm.url("https://x.example.com", Utm.params("facebook", "paid_social", "c", "id")));
    }
}
