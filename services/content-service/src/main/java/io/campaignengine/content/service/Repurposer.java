package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlatformVariant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Repurposes a long-form source (title, text, optional URL) into an X thread, a LinkedIn post, Instagram carousel
 * slides, a Facebook post and an email (subject, preview text, HTML and plain text), each within its platform's
 * limits: extractive (the source's own most representative sentences, in their order), deterministic, offline.
 */
public final class Repurposer {
    private Repurposer() {
    }

    public static final List<String> FORMATS = List.of("x_thread", "linkedin_post", "instagram_carousel", "facebook_post", "email");
    static final int THREAD_MAX_POSTS = 12;
    static final int CAROUSEL_MAX_SLIDES = 10;
    static final int SLIDE_TEXT = 180;
    static final int PREVIEW_TEXT = 140;

    /** One child: its content row fields and the format-specific parts. */
    public record Child(UUID id, String format, String type, String platform, String headline, String body, String ctaText,
                        Map<String, String> utm, String trackedUrl, PlatformVariant variant, Map<String, Object> extra) {
    }

    public static List<Child> repurpose(String title, String text, String url, String campaignSlug, List<String> formats) {
        List<String> key = keySentences(text, 8);
        List<String> keywords = keywords(text, 6);
        List<Child> out = new ArrayList<>();
        for (String f : formats) {
            UUID id = UUID.randomUUID();
            switch (f) {
                case "x_thread" -> out.add(thread(id, title, key, url, campaignSlug));
                case "linkedin_post" -> out.add(post(id, "linkedin_post", "linkedin", title, key, 5, url, campaignSlug, keywords));
                case "facebook_post" -> out.add(post(id, "facebook_post", "facebook", title, key, 3, url, campaignSlug, keywords));
                case "instagram_carousel" -> out.add(carousel(id, title, key, url, campaignSlug, keywords));
                case "email" -> out.add(email(id, title, key, url, campaignSlug));
                default -> throw new IllegalArgumentException("unknown format " + f);
            }
        }
        return out;
    }

    static Map<String, String> utm(String platform, String medium, String campaign, UUID id) {
        return Utm.params(platform, medium, campaign, id.toString());
    }

    static String tracked(String url, Map<String, String> utm) {
        return url == null ? null : Utm.url(url, utm);
    }

    /** The n most representative sentences (sum of their words' frequencies in the text, length-normalized), in source order. */
    public static List<String> keySentences(String text, int n) {
        List<String> sentences = Text.sentences(text.replace("\n", " "));
        Map<String, Integer> freq = new HashMap<>();
        for (String w : Text.contentWords(text)) {
            freq.put(w, 0);
        }
        for (String w : Text.words(text)) {
            String s = Text.stem(w);
            freq.computeIfPresent(s, (k, v) -> v + 1);
        }
        record Scored(int index, String sentence, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            var words = Text.contentWords(s);
            if (Text.words(s).size() < 4) {
                continue;
            }
            double sum = words.stream().mapToInt(w -> freq.getOrDefault(w, 0)).sum();
            double score = sum / Math.sqrt(Math.max(1, Text.words(s).size())) + (i == 0 ? 2 : 0);
            scored.add(new Scored(i, s, score));
        }
        return scored.stream().sorted(Comparator.comparingDouble(Scored::score).reversed()).limit(n)
                .sorted(Comparator.comparingInt(Scored::index)).map(Scored::sentence).toList();
    }

    static List<String> keywords(String text, int n) {
        Map<String, Integer> freq = new LinkedHashMap<>();
        for (String w : Text.words(text)) {
            if (w.length() > 3 && !Text.STOP.contains(w)) {
                freq.merge(w, 1, Integer::sum);
            }
        }
        return freq.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(n).map(Map.Entry::getKey).toList();
    }

    // ---------------------------------------------------------------- X thread

    static Child thread(UUID id, String title, List<String> key, String url, String campaign) {
        Map<String, String> utm = utm("twitter", "social", campaign, id);
        String link = tracked(url, utm);
        PlatformFormatter.Spec spec = PlatformFormatter.spec("twitter", "organic_post");
        int reserve = 6; // " 12/12"
        int room = PlatformFormatter.X_POST - reserve;
        List<String> posts = new ArrayList<>();
        posts.add(Text.shorten(Text.sentence(title), room - 11) + "\n\nA thread:");
        for (String sentence : key) {
            if (posts.size() >= THREAD_MAX_POSTS - 1) {
                break;
            }
            if (Text.length(sentence) <= room) {
                String last = posts.get(posts.size() - 1);
                // pack short sentences together (never into the opening post)
                if (posts.size() > 1 && Text.length(last) + 1 + Text.length(sentence) <= room) {
                    posts.set(posts.size() - 1, last + " " + sentence);
                } else {
                    posts.add(sentence);
                }
            } else {
                // a long sentence runs over several posts, split between words
                StringBuilder cur = new StringBuilder();
                for (String w : sentence.split("\\s+")) {
                    if (Text.length(cur.toString()) + 1 + Text.length(w) > room) {
                        posts.add(cur.toString());
                        cur.setLength(0);
                    }
                    cur.append(cur.isEmpty() ? "" : " ").append(w);
                }
                if (!cur.isEmpty()) {
                    posts.add(cur.toString());
                }
            }
        }
        if (link != null) {
            posts.add("Read the whole piece: " + link);
        }
        int n = posts.size();
        List<Map<String, Object>> numbered = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String p = posts.get(i) + " " + (i + 1) + "/" + n;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i + 1);
            m.put("text", p);
            m.put("characterCount", PlatformFormatter.count(spec, p));
            numbered.add(m);
        }
        String first = (String) numbered.get(0).get("text");
        PlatformVariant v = new PlatformVariant("twitter", "thread", first, null, null, List.of(), link,
                PlatformFormatter.count(spec, first), PlatformFormatter.X_POST, null, false, spec.aspectRatio(), spec.width(), spec.height());
        String body = numbered.stream().map(m -> (String) m.get("text")).collect(Collectors.joining("\n\n"));
        return new Child(id, "x_thread", "organic_post", "twitter", Text.shorten(title, 255), body, link == null ? null : "Read the whole piece",
                utm, link, v, Map.of("posts", numbered));
    }

    // ---------------------------------------------------------------- LinkedIn / Facebook posts

    static Child post(UUID id, String format, String platform, String title, List<String> key, int sentences, String url, String campaign,
                      List<String> keywords) {
        Map<String, String> utm = utm(platform, "social", campaign, id);
        String link = tracked(url, utm);
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(Text.sentence(title));
        key.stream().limit(sentences).forEach(paragraphs::add);
        String body = String.join("\n\n", paragraphs);
        PlatformVariant v = PlatformFormatter.variant(platform, "organic_post", title, body, link == null ? null : "Read more", keywords, link);
        return new Child(id, format, "organic_post", platform, Text.shorten(title, 255), v.text(), link == null ? null : "Read more", utm,
                link, v, Map.of());
    }

    // ---------------------------------------------------------------- Instagram carousel

    static Child carousel(UUID id, String title, List<String> key, String url, String campaign, List<String> keywords) {
        Map<String, String> utm = utm("instagram", "social", campaign, id);
        String link = tracked(url, utm);
        List<Map<String, Object>> slides = new ArrayList<>();
        slides.add(slide(1, "cover", Text.shorten(title, 90)));
        for (String s : key) {
            if (slides.size() >= CAROUSEL_MAX_SLIDES - 1) {
                break;
            }
            String t = Text.shorten(s, SLIDE_TEXT);
            if (!t.isEmpty()) {
                slides.add(slide(slides.size() + 1, "point", t));
            }
        }
        slides.add(slide(slides.size() + 1, "cta", url == null ? "Save this post and share it with a friend." : "Read the full story: link in bio."));
        String intro = key.isEmpty() ? Text.sentence(title) : key.get(0);
        String caption = Text.sentence(Text.clause(title)) + " " + intro + " Swipe through for the key points.";
        PlatformVariant v = PlatformFormatter.variant("instagram", "carousel", title, caption, url == null ? null : "Read the full story",
                keywords, link);
        String body = slides.stream().map(m -> m.get("index") + ". " + m.get("text")).collect(Collectors.joining("\n"));
        return new Child(id, "instagram_carousel", "carousel", "instagram", Text.shorten(title, 255), body,
                url == null ? null : "Read the full story", utm, link, v, Map.of("slides", slides, "caption", v.text()));
    }

    static Map<String, Object> slide(int index, String role, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("role", role);
        m.put("text", text);
        m.put("characterCount", Text.length(text));
        return m;
    }

    // ---------------------------------------------------------------- email

    static Child email(UUID id, String title, List<String> key, String url, String campaign) {
        Map<String, String> utm = utm("email", "email", campaign, id);
        String link = tracked(url, utm);
        String subject = Text.shorten(title, PlatformFormatter.EMAIL_SUBJECT);
        String preview = Text.shorten(key.isEmpty() ? title : key.get(0), PREVIEW_TEXT);
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(subject)).append("</title></head>\n<body>\n")
                .append("<div style=\"display:none;max-height:0;overflow:hidden\">").append(escape(preview)).append("</div>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        StringBuilder plain = new StringBuilder(title).append('\n').append("=".repeat(Math.min(78, Text.length(title)))).append("\n\n");
        for (String s : key) {
            html.append("<p>").append(escape(s)).append("</p>\n");
            plain.append(s).append("\n\n");
        }
        if (link != null) {
            html.append("<p><a href=\"").append(escape(link)).append("\">Read the full article</a></p>\n");
            plain.append("Read the full article: ").append(link).append('\n');
        }
        html.append("</body></html>\n");
        PlatformVariant v = new PlatformVariant("email", "email", plain.toString().strip(), subject, link == null ? null : "Read the full article",
                List.of(), link, Text.length(plain.toString().strip()), null, PlatformFormatter.EMAIL_SUBJECT, !subject.equals(title),
                "600:300", 600, 300);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("subject", subject);
        extra.put("previewText", preview);
        extra.put("html", html.toString());
        extra.put("text", plain.toString().strip());
        return new Child(id, "email", "email", "email", subject, plain.toString().strip(), link == null ? null : "Read the full article", utm,
                link, v, extra);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
