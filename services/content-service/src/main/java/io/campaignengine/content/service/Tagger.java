package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlaybookSnapshot;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tags a piece with the emotions and themes it expresses (image matching, seed 5.2, weighs them): the hook's own
 * emotion/theme first, then what a small lexicon finds in the text; keywords are its most frequent content words.
 */
public final class Tagger {
    private Tagger() {
    }

    static final Map<String, List<String>> EMOTIONS = new LinkedHashMap<>();
    static final Map<String, List<String>> THEMES = new LinkedHashMap<>();

    static {
        EMOTIONS.put("hope", List.of("imagine", "finally", "future", "dream", "possible", "hope", "could"));
        EMOTIONS.put("pride", List.of("proud", "earn", "deserve", "recognition", "achievement", "count"));
        EMOTIONS.put("relief", List.of("relief", "without", "stress", "easier", "simple", "no more", "finally"));
        EMOTIONS.put("urgency", List.of("today", "now", "deadline", "last", "before", "limited", "soon", "this week"));
        EMOTIONS.put("trust", List.of("proven", "trusted", "guarantee", "honest", "real", "already", "teachers like you", "families"));
        EMOTIONS.put("curiosity", List.of("secret", "why", "what if", "discover", "how", "?"));
        EMOTIONS.put("frustration", List.of("tired", "paperwork", "waste", "hours", "frustrat", "stuck"));
        EMOTIONS.put("belonging", List.of("community", "together", "join", "neighbors", "colleagues", "others"));
        EMOTIONS.put("excitement", List.of("new", "launch", "excit", "!"));
        THEMES.put("roi", List.of("save", "return", "worth", "cost", "price", "value", "money", "$"));
        THEMES.put("story", List.of("story", "when i", "years", "started", "founder", "taught"));
        THEMES.put("feature", List.of("feature", "tool", "dashboard", "automatic", "track", "built"));
        THEMES.put("comparison", List.of("instead", "unlike", "versus", "vs", "compared", "better than"));
        THEMES.put("social_proof", List.of("teachers", "customers", "families", "already", "join", "reviews", "rated"));
        THEMES.put("urgency", List.of("today", "deadline", "limited", "last chance", "ends"));
        THEMES.put("education", List.of("student", "classroom", "teacher", "school", "learn"));
        THEMES.put("home", List.of("home", "house", "lot", "land", "build", "family"));
    }

    public record Tags(List<String> segments, List<String> emotions, List<String> themes, List<String> keywords) {
    }

    public static Tags tag(String segment, PlaybookSnapshot.Hook hook, String headline, String body, List<String> extraEmotions,
                           List<String> extraThemes) {
        String text = (headline + " " + body).toLowerCase(Locale.ROOT);
        Set<String> emotions = new LinkedHashSet<>();
        Set<String> themes = new LinkedHashSet<>();
        if (hook != null && hook.emotion() != null && !hook.emotion().isBlank()) {
            emotions.add(hook.emotion().toLowerCase(Locale.ROOT));
        }
        if (hook != null && hook.theme() != null && !hook.theme().isBlank()) {
            themes.add(hook.theme().toLowerCase(Locale.ROOT));
        }
        if (extraEmotions != null) {
            extraEmotions.stream().filter(e -> e != null && !e.isBlank()).map(e -> e.toLowerCase(Locale.ROOT)).forEach(emotions::add);
        }
        if (extraThemes != null) {
            extraThemes.stream().filter(e -> e != null && !e.isBlank()).map(e -> e.toLowerCase(Locale.ROOT)).forEach(themes::add);
        }
        EMOTIONS.forEach((emotion, cues) -> {
            if (emotions.size() < 4 && cues.stream().anyMatch(text::contains)) {
                emotions.add(emotion);
            }
        });
        THEMES.forEach((theme, cues) -> {
            if (themes.size() < 4 && cues.stream().anyMatch(text::contains)) {
                themes.add(theme);
            }
        });
        Map<String, Integer> freq = new LinkedHashMap<>();
        for (String w : Text.words(text)) {
            if (w.length() > 3 && !Text.STOP.contains(w)) {
                freq.merge(w, 1, Integer::sum);
            }
        }
        List<String> keywords = freq.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(6).map(Map.Entry::getKey).toList();
        return new Tags(segment == null ? List.of() : List.of(segment), List.copyOf(emotions), List.copyOf(themes), keywords);
    }
}
