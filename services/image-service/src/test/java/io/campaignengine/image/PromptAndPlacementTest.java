package io.campaignengine.image;

import io.campaignengine.events.common.ContentType;
import io.campaignengine.events.common.Platform;
import io.campaignengine.events.common.PlatformVariant;
import io.campaignengine.image.domain.Placement;
import io.campaignengine.image.domain.Tags;
import io.campaignengine.image.domain.VisualDirection;
import io.campaignengine.image.service.Copies;
import io.campaignengine.image.service.ImageBrief;
import io.campaignengine.image.service.MatchingService;
import io.campaignengine.image.service.OfflinePromptWriter;
import io.campaignengine.image.service.PromptWriter;
import io.campaignengine.image.client.AiPromptWriter;
import io.campaignengine.image.client.ImagePromptAiService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The offline prompt writer, placements derived from content, request priority, tag normalization. */
class PromptAndPlacementTest {

    @Test
    void offlinePromptIsDeterministicAndUsesTheVisualDirection() {
        var visual = new VisualDirection("warm documentary photography", Map.of("primary", "#6A1A19", "accent", "#F7AC13"),
                List.of("real classrooms"), List.of("stock-photo smiles"), List.of("happy_teacher"));
        var brief = new ImageBrief("tia_seeker", null, List.of("achievement"), List.of("roi"), "Your designation, in ten minutes a week",
                "body", "hook", "ad", List.of(Placement.INSTAGRAM_FEED), visual, "positioning");
        var a = OfflinePromptWriter.write(brief);
        var b = OfflinePromptWriter.write(brief);
        assertEquals(a, b);
        assertEquals("offline", a.source());
        assertTrue(a.prompt().startsWith("warm documentary photography of tia seeker, feeling achievement"), a.prompt());
        assertTrue(a.prompt().contains("a tangible reward or payoff in view"), a.prompt());
        assertTrue(a.prompt().contains("real classrooms"), a.prompt());
        assertTrue(a.prompt().contains("palette #F7AC13 #6A1A19"), a.prompt());
        assertTrue(a.prompt().contains("--ar 1:1"), a.prompt());
        assertTrue(a.prompt().contains("--no stock-photo smiles"), a.prompt());
        assertTrue(a.description().contains("\"Your designation, in ten minutes a week\""), a.description());
        var story = OfflinePromptWriter.write(new ImageBrief("x", null, List.of(), List.of(), null, null, null, "story",
                List.of(Placement.STORY), null, null));
        assertTrue(story.prompt().contains("--ar 9:16"), story.prompt());
    }

    @Test
    void aiPromptWhenConfiguredOfflineWhenItFails() {
        var brief = new ImageBrief("tia_seeker", null, List.of("achievement"), List.of("roi"), "Headline", null, null, "ad",
                List.of(Placement.INSTAGRAM_FEED), VisualDirection.EMPTY, null);
        java.util.List<String> seen = new java.util.ArrayList<>();
        ImagePromptAiService model = (audience, emotions, themes, message, style, guidelines, avoid, colors, ratio, draft) -> {
            seen.add(audience + "|" + emotions + "|" + ratio);
            return "teacher with certificate, golden light --ar 1:1\nsecond line ignored";
        };
        var ai = new PromptWriter(new AiPromptWriter(() -> model), "auto", "sk-test");
        var p = ai.write(brief).await().indefinitely();
        assertEquals("openai", p.source());
        assertEquals("teacher with certificate, golden light --ar 1:1", p.prompt());
        assertEquals(List.of("tia_seeker|achievement|1:1"), seen);
        assertEquals(OfflinePromptWriter.write(brief).description(), p.description());

        ImagePromptAiService down = (a, b, c, d, e, f, g, h, i, j) -> {
            throw new IllegalStateException("429 rate limited");
        };
        var fallback = new PromptWriter(new AiPromptWriter(() -> down), "openai", "offline").write(brief).await().indefinitely();
        assertEquals(OfflinePromptWriter.write(brief), fallback);
        // no key: never calls the model
        var offline = new PromptWriter(new AiPromptWriter(() -> model), "auto", "offline");
        assertEquals("offline", offline.write(brief).await().indefinitely().source());
        assertEquals(1, seen.size());
    }

    @Test
    void placementsFromContent() {
        var fb = PlatformVariant.newBuilder().setPlatform(Platform.FACEBOOK).setText("t").setHashtags(List.of()).setCharacterCount(1).build();
        var ig = PlatformVariant.newBuilder().setPlatform(Platform.INSTAGRAM).setText("t").setHashtags(List.of()).setCharacterCount(1).build();
        assertEquals(List.of(Placement.FACEBOOK_FEED, Placement.INSTAGRAM_FEED), Copies.placements(ContentType.AD, List.of(fb, ig)));
        assertEquals(List.of(Placement.STORY), Copies.placements(ContentType.STORY, List.of(fb)));
        assertEquals(List.of(), Copies.placements(ContentType.EMAIL, List.of(fb)));
        assertEquals(List.of(), Copies.placements(ContentType.ORGANIC_POST, List.of()));
    }

    @Test
    void priority() {
        assertEquals(9, MatchingService.priority("ad", null, 0.6));      // 5 + 2 ad + 2 nothing suits
        assertEquals(6, MatchingService.priority("organic_post", 0.2, 0.6)); // 5 + 1 far below
        assertEquals(5, MatchingService.priority("organic_post", 0.5, 0.6));
        assertEquals(7, MatchingService.priority("story", 0.1, 0.6));    // 5 + 1 story + 1 far below
    }

    @Test
    void tagsAreNormalized() {
        var t = new Tags(List.of(" TIA_Seeker", "tia_seeker", ""), List.of("Relief  Now"), null, List.of("  "));
        assertEquals(List.of("tia_seeker"), t.segments());
        assertEquals(List.of("relief now"), t.emotions());
        assertEquals(List.of(), t.themes());
        assertEquals(List.of(), t.keywords());
    }
}
