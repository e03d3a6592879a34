package io.campaignengine.content.service;

import io.campaignengine.content.domain.PlatformVariant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform variants within each platform's real limits. The body is what gives way: whole sentences first, then
 * words (never a cut word), then hashtags and the CTA line; the headline is shortened at a word boundary too.
 *
 * <table>
 * <tr><th>platform</th><th>placement</th><th>text limit</th><th>headline</th><th>hashtags</th></tr>
 * <tr><td>facebook</td><td>post</td><td>63,206</td><td>-</td><td>3</td></tr>
 * <tr><td>facebook</td><td>ad</td><td>125 primary text (Meta: shown before "See more")</td><td>40</td><td>0</td></tr>
 * <tr><td>instagram</td><td>feed / story / ad</td><td>2,200 caption</td><td>-</td><td>&lt;= 30</td></tr>
 * <tr><td>twitter (X)</td><td>post</td><td>280 (a URL counts 23, t.co)</td><td>-</td><td>2</td></tr>
 * <tr><td>linkedin</td><td>post / ad</td><td>3,000 / 600 intro text</td><td>200 (ad)</td><td>3</td></tr>
 * <tr><td>tiktok</td><td>caption</td><td>2,200</td><td>-</td><td>5</td></tr>
 * <tr><td>email</td><td>email</td><td>-</td><td>78 subject</td><td>0</td></tr>
 * </table>
 */
public final class PlatformFormatter {
    private PlatformFormatter() {
    }

    public static final int FACEBOOK_POST = 63_206;
    public static final int FACEBOOK_AD_PRIMARY = 125;
    public static final int FACEBOOK_AD_HEADLINE = 40;
    public static final int INSTAGRAM_CAPTION = 2_200;
    public static final int INSTAGRAM_HASHTAGS = 30;
    public static final int X_POST = 280;
    public static final int X_URL_LENGTH = 23;
    public static final int LINKEDIN_POST = 3_000;
    public static final int LINKEDIN_AD_INTRO = 600;
    public static final int LINKEDIN_AD_HEADLINE = 200;
    public static final int TIKTOK_CAPTION = 2_200;
    public static final int EMAIL_SUBJECT = 78;

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /** Spec of a platform + content type. */
    public record Spec(String platform, String placement, int textLimit, Integer headlineLimit, int maxHashtags, boolean linkInText,
                       boolean urlsCountFixed, String ctaSuffix, String aspectRatio, int width, int height) {
    }

    public static Spec spec(String platform, String contentType) {
        String p = platform.toLowerCase(Locale.ROOT);
        boolean ad = "ad".equals(contentType);
        boolean story = "story".equals(contentType);
        return switch (p) {
            case "facebook" -> ad
                    ? new Spec(p, "ad", FACEBOOK_AD_PRIMARY, FACEBOOK_AD_HEADLINE, 0, false, false, null, "1:1", 1080, 1080)
                    : story ? new Spec(p, "story", FACEBOOK_POST, null, 0, false, false, null, "9:16", 1080, 1920)
                    : new Spec(p, "post", FACEBOOK_POST, null, 3, true, false, null, "1.91:1", 1200, 630);
            case "instagram" -> story
                    ? new Spec(p, "story", INSTAGRAM_CAPTION, null, 5, false, false, null, "9:16", 1080, 1920)
                    : new Spec(p, ad ? "ad" : "feed", INSTAGRAM_CAPTION, null, ad ? 5 : 12, false, false, ad ? null : "link in bio", "1:1", 1080, 1080);
            case "twitter", "x" -> new Spec("twitter", "post", X_POST, null, 2, true, true, null, "16:9", 1600, 900);
            case "linkedin" -> ad
                    ? new Spec(p, "ad", LINKEDIN_AD_INTRO, LINKEDIN_AD_HEADLINE, 0, false, false, null, "1.91:1", 1200, 627)
                    : new Spec(p, "post", LINKEDIN_POST, null, 3, true, false, null, "1.91:1", 1200, 627);
            case "tiktok" -> new Spec(p, "caption", TIKTOK_CAPTION, null, 5, false, false, null, "9:16", 1080, 1920);
            case "email" -> new Spec(p, "email", Integer.MAX_VALUE, EMAIL_SUBJECT, 0, true, false, null, "600:300", 600, 300);
            default -> new Spec(p, "post", 2_200, null, 3, true, false, null, "1:1", 1080, 1080);
        };
    }

    /** Length as the platform counts it (X: every URL 23). */
    public static int count(Spec spec, String text) {
        if (!spec.urlsCountFixed()) {
            return Text.length(text);
        }
        Matcher m = URL.matcher(text);
        int n = Text.length(text);
        while (m.find()) {
            n = n - Text.length(m.group()) + X_URL_LENGTH;
        }
        return n;
    }

    public static PlatformVariant variant(String platform, String contentType, String headline, String body, String ctaText,
                                          List<String> hashtagCandidates, String linkUrl) {
        Spec spec = spec(platform, contentType);
        List<String> tags = hashtags(hashtagCandidates, spec.maxHashtags());
        String cta = ctaLine(spec, ctaText, linkUrl);
        String fullBody = body == null ? "" : body.strip();
        boolean shortened = false;

        // what stays if it can: the CTA line and the hashtags; the body gives way first, then hashtags, then the CTA
        String text = compose(fullBody, cta, tags);
        if (count(spec, text) > spec.textLimit()) {
            shortened = true;
            text = fit(spec, fullBody, cta, tags);
        }
        String h = headline;
        Integer headlineLimit = spec.headlineLimit();
        if (headlineLimit != null && h != null && Text.length(h) > headlineLimit) {
            h = Text.shorten(h, headlineLimit);
            shortened = true;
        }
        List<String> usedTags = tags.stream().filter(text::contains).toList();
        return new PlatformVariant(spec.platform(), spec.placement(), text, h, ctaText, usedTags, linkUrl, count(spec, text),
                spec.textLimit() == Integer.MAX_VALUE ? null : spec.textLimit(), headlineLimit, shortened,
                spec.aspectRatio(), spec.width(), spec.height());
    }

    static String fit(Spec spec, String body, String cta, List<String> tags) {
        List<String> t = new ArrayList<>(tags);
        String c = cta;
        while (true) {
            int fixed = count(spec, compose("", c, t));
            int room = spec.textLimit() - fixed - (fixed > 0 ? 2 : 0);
            // keep at least a meaningful body: give up hashtags, then the CTA line, before the body goes below ~60%
            boolean bodyFitsWell = room >= Math.min(Text.length(body), Math.max(20, (int) (spec.textLimit() * 0.6)));
            if (bodyFitsWell || (t.isEmpty() && c == null)) {
                String b = Text.shorten(body, Math.max(0, room));
                String text = compose(b, c, t);
                if (count(spec, text) <= spec.textLimit()) {
                    return text;
                }
            }
            if (!t.isEmpty()) {
                t.remove(t.size() - 1);
            } else if (c != null) {
                c = null;
            } else {
                return Text.shorten(body, spec.textLimit());
            }
        }
    }

    static String compose(String body, String cta, List<String> tags) {
        StringBuilder sb = new StringBuilder(body == null ? "" : body);
        if (cta != null && !cta.isBlank()) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(cta);
        }
        if (!tags.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(String.join(" ", tags));
        }
        return sb.toString();
    }

    static String ctaLine(Spec spec, String ctaText, String linkUrl) {
        if (ctaText == null || ctaText.isBlank()) {
            return spec.linkInText() && linkUrl != null ? linkUrl : null;
        }
        String cta = Text.clause(ctaText);
        if (spec.linkInText() && linkUrl != null) {
            return cta + ": " + linkUrl;
        }
        if (spec.ctaSuffix() != null) {
            return cta + " (" + spec.ctaSuffix() + ")";
        }
        return "ad".equals(spec.placement()) ? null : Text.sentence(cta);
    }

    /** Distinct hashtags (at most {@code max}, and never more than Instagram's 30). */
    public static List<String> hashtags(List<String> candidates, int max) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        int cap = Math.min(max, INSTAGRAM_HASHTAGS);
        if (candidates != null) {
            for (String c : candidates) {
                if (out.size() >= cap) {
                    break;
                }
                String tag = c != null && c.startsWith("#") ? Text.hashtag(c.substring(1)) : Text.hashtag(c);
                if (tag != null && out.stream().noneMatch(x -> x.equalsIgnoreCase(tag))) {
                    out.add(tag);
                }
            }
        }
        return List.copyOf(out);
    }
}
