package io.campaignengine.content;

import io.campaignengine.content.domain.PlatformVariant;
import io.campaignengine.content.service.PlatformFormatter;
import io.campaignengine.content.service.Text;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platform limits, property-style: thousands of random texts, every platform and content type, never over, never a cut word. */
class PlatformLimitsTest {
    static final List<String> PLATFORMS = List.of("facebook", "instagram", "twitter", "linkedin", "tiktok", "email");
    static final List<String> TYPES = List.of("ad", "organic_post", "story");
    static final String[] VOCAB = ("teachers portfolio designation salary classroom coaching growth students Texas plain-language "
            + "step module minutes planning recognition extraordinarily-long-compound-word TIA rubric evidence "
            + "caf\u00e9 na\u00efve \uD83C\uDF4E apple").split(" ");

    static String randomText(Random r, int words) {
        StringBuilder sb = new StringBuilder();
        boolean sentenceStart = true;
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                int k = r.nextInt(15);
                sentenceStart = k < 2;
                sb.append(k == 0 ? ". " : k == 1 ? "! " : " ");
            }
            String w = VOCAB[r.nextInt(VOCAB.length)];
            sb.append(sentenceStart ? Text.capitalize(w) : w);
            sentenceStart = false;
        }
        return sb.append('.').toString();
    }

    static Set<String> tokens(String s) {
        return new HashSet<>(List.of(s.split("\\s+")));
    }

    @Test
    void variantsNeverExceedTheLimitAndNeverCutAWord() {
        Random r = new Random(42);
        int checked = 0;
        int shortened = 0;
        for (int n = 0; n < 3000; n++) {
            String body = randomText(r, 1 + r.nextInt(r.nextInt(60) == 0 ? 10000 : 600));
            String headline = randomText(r, 1 + r.nextInt(30));
            String cta = r.nextBoolean() ? "Start your free trial" : "See how it works";
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < r.nextInt(60); t++) {
                tags.add("tag " + t + " " + VOCAB[r.nextInt(VOCAB.length)]);
            }
            String link = r.nextBoolean() ? "https://melissa.example.com/tia?utm_source=x&utm_content=" + "c".repeat(r.nextInt(300)) : null;
            String platform = PLATFORMS.get(r.nextInt(PLATFORMS.size()));
            String type = TYPES.get(r.nextInt(TYPES.size()));
            PlatformVariant v = PlatformFormatter.variant(platform, type, headline, body, cta, tags, link);
            PlatformFormatter.Spec spec = PlatformFormatter.spec(platform, type);
            int count = PlatformFormatter.count(spec, v.text());
            assertEquals(count, v.characterCount());
            assertTrue(count <= spec.textLimit(), platform + "/" + type + ": " + count + " > " + spec.textLimit());
            assertFalse(v.text().isBlank(), "never empty");
            if (spec.headlineLimit() != null) {
                assertTrue(Text.length(v.headline()) <= spec.headlineLimit(), v.headline());
                assertWholeWords(headline, v.headline());
            }
            assertTrue(v.hashtags().size() <= Math.min(30, spec.maxHashtags()));
            if ("instagram".equals(platform)) {
                assertTrue(count <= 2200);
                long inText = List.of(v.text().split("\\s+")).stream().filter(w -> w.startsWith("#")).count();
                assertTrue(inText <= 30, "at most 30 hashtags on Instagram");
            }
            // every word of the text is a whole word of the inputs (or the ellipsis after the last whole word)
            Set<String> allowed = tokens(body + " " + cta + " " + (link == null ? "" : link) + " " + String.join(" ", v.hashtags()));
            allowed.addAll(tokens(Text.clause(cta) + ":"));
            allowed.addAll(tokens(Text.sentence(cta)));
            allowed.addAll(tokens("(link in bio)"));
            for (String w : v.text().split("\\s+")) {
                String bare = w.endsWith(Text.ELLIPSIS) ? w.substring(0, w.length() - 1) : w;
                if (bare.isEmpty()) {
                    continue;
                }
                assertTrue(allowed.contains(bare) || allowed.contains(bare + ".") || allowed.contains(bare + "!")
                                || allowed.stream().anyMatch(a -> a.equals(bare + ",")) || isPrefixOfWholeWord(allowed, bare),
                        "cut word \"" + w + "\" on " + platform);
            }
            if (v.shortened()) {
                shortened++;
            }
            checked++;
        }
        assertEquals(3000, checked);
        assertTrue(shortened > 300, "the property run must exercise shortening: " + shortened);
    }

    /** A word that lost only trailing punctuation when shortened (e.g. "growth." -> "growth"). */
    static boolean isPrefixOfWholeWord(Set<String> allowed, String bare) {
        return allowed.stream().anyMatch(a -> a.length() > bare.length() && a.startsWith(bare)
                && a.substring(bare.length()).matches("[.,;:!?\\-\u2013\u2014]+"));
    }

    static void assertWholeWords(String original, String shortened) {
        Set<String> words = tokens(original);
        for (String w : shortened.split("\\s+")) {
            String bare = w.endsWith(Text.ELLIPSIS) ? w.substring(0, w.length() - 1) : w;
            assertTrue(words.contains(bare) || isPrefixOfWholeWord(words, bare), "cut headline word \"" + w + "\"");
        }
    }

    @Test
    void xCountsEveryUrlAs23() {
        String link = "https://melissa.example.com/tia?utm_source=twitter&utm_medium=social&utm_campaign=back_to_school&utm_content="
                + "0".repeat(36);
        PlatformVariant v = PlatformFormatter.variant("twitter", "organic_post", "Headline",
                "Short body about the TIA portfolio. ".repeat(20), "Start your free trial", List.of("roi", "teachers"), link);
        assertTrue(v.text().contains(link), "the link stays whole");
        assertTrue(v.characterCount() <= 280);
        assertTrue(Text.length(v.text()) > 280 - 23 || v.characterCount() < Text.length(v.text()), "the URL counts 23, not its length");
        assertEquals(280, v.characterLimit());
    }

    @Test
    void facebookAdUsesPrimaryTextAndHeadlineLimits() {
        PlatformVariant v = PlatformFormatter.variant("facebook", "ad",
                "What if your TIA designation paid for itself in a single month of teaching?",
                "Our coaching walks you through every TIA step in plain language. Teachers in our program finish weeks earlier. Each module fits a planning period.",
                "Start your free trial", List.of("roi"), "https://x.example.com/");
        assertTrue(v.characterCount() <= 125, v.text());
        assertTrue(Text.length(v.headline()) <= 40, v.headline());
        assertTrue(v.headline().endsWith(Text.ELLIPSIS));
        assertEquals("Our coaching walks you through every TIA step in plain language. Teachers in our program finish weeks earlier.",
                v.text(), "whole sentences first");
        assertEquals("ad", v.placement());
        assertTrue(v.shortened());
    }

    @Test
    void shortenKeepsSentencesThenWordsAndNeverCutsOne() {
        assertEquals("One. Two two.", Text.shorten("One. Two two. Three three three.", 14));
        assertEquals("Supercalifragilistic\u2026", Text.shorten("Supercalifragilistic expialidocious", 25));
        assertEquals("", Text.shorten("Supercalifragilisticexpialidocious", 10), "a single word longer than the limit is never cut");
        assertEquals("exact fit", Text.shorten("exact fit", 9));
        assertEquals(List.of("#SocialProof", "#Roi"), PlatformFormatter.hashtags(List.of("social_proof", "roi", "ROI"), 30));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            many.add("tag" + i);
        }
        assertEquals(30, PlatformFormatter.hashtags(many, 100).size(), "never more than 30");
    }
}
