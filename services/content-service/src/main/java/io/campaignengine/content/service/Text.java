package io.campaignengine.content.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers of the engine: sentence splitting, word-safe shortening, tokens, hashtags. */
public final class Text {
    private Text() {
    }

    public static final String ELLIPSIS = "\u2026";
    private static final Pattern SENTENCE = Pattern.compile("[^.!?\\n]+(?:[.!?]+[\"')\\]]*|\\n+|$)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by",
            "from", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "you", "your", "yours",
            "we", "our", "us", "they", "their", "them", "i", "me", "my", "he", "she", "his", "her", "as", "so", "if", "than", "then",
            "not", "no", "do", "does", "did", "can", "will", "just", "what", "who", "how", "why", "when", "where", "which", "all",
            "more", "most", "into", "out", "up", "about", "over", "every", "each", "have", "has", "had", "get", "got", "one", "s",
            "t", "don't", "it's", "you're", "let", "lets", "let's", "here", "there", "now", "too", "very");

    /** Length as platforms count it: Unicode code points. */
    public static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }

    /** Sentences with their punctuation, trimmed, empty ones dropped. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String s = m.group().trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Content words (stop words dropped, light plural stemming) for overlap measures. */
    public static Set<String> contentWords(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words(text)) {
            if (w.length() > 2 && !STOP.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /**
     * Shortens {@code text} to at most {@code limit} code points, never cutting a word: whole sentences first (as many
     * leading sentences as fit), else the words that fit followed by an ellipsis. Returns "" when not even one word fits.
     */
    public static String shorten(String text, int limit) {
        if (text == null) {
            return "";
        }
        String t = text.strip();
        if (length(t) <= limit) {
            return t;
        }
        if (limit <= 0) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        int keptLength = 0;
        for (String s : sentences(t)) {
            int add = length(s) + (kept.isEmpty() ? 0 : 1);
            if (keptLength + add > limit) {
                break;
            }
            if (!kept.isEmpty()) {
                kept.append(' ');
            }
            kept.append(s);
            keptLength += add;
        }
        if (!kept.isEmpty()) {
            return kept.toString();
        }
        return cutAtWord(t, limit);
    }

    /** The leading words of {@code text} that fit in {@code limit} including a trailing ellipsis. */
    public static String cutAtWord(String text, int limit) {
        String[] tokens = text.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        int outLength = 0;
        for (String token : tokens) {
            int add = length(token) + (out.isEmpty() ? 0 : 1);
            if (outLength + add + 1 > limit) {
                break;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(token);
            outLength += add;
        }
        if (out.isEmpty()) {
            return "";
        }
        String s = out.toString().replaceAll("[\\s,;:\\-\u2013\u2014]+$", "");
        return s + ELLIPSIS;
    }

    /** {@code #CamelCase} hashtag of a phrase or id ({@code social_proof} -> {@code #SocialProof}); null when empty. */
    public static String hashtag(String phrase) {
        if (phrase == null) {
            return null;
        }
        String ascii = Normalizer.normalize(phrase, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder sb = new StringBuilder("#");
        for (String part : ascii.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.length() > 1 && sb.length() <= 40 ? sb.toString() : null;
    }

    /** lower_snake slug of a name, for UTM values. */
    public static String slug(String name) {
        if (name == null) {
            return "";
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.length() > 60 ? s.substring(0, 60).replaceAll("_+$", "") : s;
    }

    /** First letter upper case. */
    public static String capitalize(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** First letter lower case unless the word looks like a name/acronym. */
    public static String decapitalize(String s) {
        if (s == null || s.length() < 2) {
            return s;
        }
        if (Character.isUpperCase(s.charAt(1)) || s.startsWith("I ")) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Ends with sentence punctuation (adds a period when missing). */
    public static String sentence(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        if (t.isEmpty()) {
            return t;
        }
        char last = t.charAt(t.length() - 1);
        return ".!?\u2026".indexOf(last) >= 0 ? t : t + ".";
    }

    /** Without a trailing period/exclamation (for embedding in another sentence). */
    public static String clause(String s) {
        return s == null ? "" : s.strip().replaceAll("[.!]+$", "");
    }
}
