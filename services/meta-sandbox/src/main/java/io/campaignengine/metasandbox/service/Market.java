package io.campaignengine.metasandbox.service;

import io.campaignengine.metasandbox.domain.World.Exposure;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden truth of the simulated market. A piece's true CTR and conversion rate are drawn from a log-normal
 * distribution whose factors depend only on the seed and on what the piece says and shows: its hook (the first
 * sentence of its text), its segment (utm_term, else utm_campaign, else the ad set's name), its image (URL without
 * query) and its variation (utm_content). Same seed and same piece, same truth - whatever the ids or call order.
 */
public final class Market {

    public enum Kind { AD, FB_POST, IG_MEDIA }

    private Market() {
    }

    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }

    public static long hash(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
        return mix(h);
    }

    /** A standard normal value fixed by the seed and a feature. */
    public static double z(long seed, String feature, String value) {
        SplittableRandom r = new SplittableRandom(mix(seed, hash(feature), hash(value == null ? "" : value)));
        // Box-Muller
        double u1 = Math.max(1e-12, r.nextDouble());
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static final Pattern URL = Pattern.compile("https?://\\S+");

    public static String firstUrl(String text) {
        if (text == null) return null;
        Matcher m = URL.matcher(text);
        return m.find() ? m.group() : null;
    }

    public static String hookOf(String text) {
        if (text == null || text.isBlank()) return "";
        String t = URL.matcher(text).replaceAll("").trim();
        int end = t.length();
        for (char c : new char[]{'.', '!', '?', '\n'}) {
            int i = t.indexOf(c);
            if (i >= 0 && i + 1 < end) end = i + 1;
        }
        return t.substring(0, end).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    public static Map<String, String> utm(String link) {
        Map<String, String> out = new LinkedHashMap<>();
        if (link == null) return out;
        try {
            String q = URI.create(link.trim()).getRawQuery();
            if (q == null) return out;
            for (String pair : q.split("&")) {
                int i = pair.indexOf('=');
                if (i <= 0) continue;
                String k = URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8);
                if (k.startsWith("utm_")) out.put(k, URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException ignored) {
            // not a URL: no UTM parameters
        }
        return out;
    }

    public static String stripQuery(String url) {
        if (url == null) return null;
        int i = url.indexOf('?');
        return i < 0 ? url : url.substring(0, i);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Fills the hidden rates from the piece's features. */
    public static void init(long seed, Exposure e, Kind kind, String text, String link, String image, String segmentHint,
                            String geo) {
        Map<String, String> utm = utm(link);
        e.link = link;
        e.hook = hookOf(text);
        e.segment = utm.getOrDefault("utm_term", utm.getOrDefault("utm_campaign",
                segmentHint == null || segmentHint.isBlank() ? "general" : segmentHint.toLowerCase(Locale.ROOT)));
        e.variation = utm.get("utm_content");
        e.image = image == null ? "none" : stripQuery(image);
        if (geo != null) e.geo = geo;
        String piece = e.hook + "|" + e.segment + "|" + e.image + "|" + (link == null ? "" : stripQuery(link));
        double base = switch (kind) {
            case AD -> 0.012;
            case FB_POST -> 0.008;
            case IG_MEDIA -> 0.005;
        };
        e.trueCtr = clamp(base * Math.exp(0.45 * z(seed, "hook", e.hook) + 0.30 * z(seed, "segment", e.segment)
                + 0.35 * z(seed, "image", e.image) + 0.15 * z(seed, "piece", piece)), 0.0005, 0.15);
        e.trueCvr = clamp(0.04 * Math.exp(0.35 * z(seed, "hook-cvr", e.hook) + 0.50 * z(seed, "segment-cvr", e.segment)
                + 0.15 * z(seed, "piece-cvr", piece)), 0.001, 0.4);
        // without a link there is nowhere to convert (on Instagram a URL in the caption stands for the profile link)
        if (link == null) e.trueCvr = 0;
        e.reactionRate = clamp(0.02 * Math.exp(0.4 * z(seed, "hook-eng", e.hook) + 0.3 * z(seed, "image-eng", e.image)),
                0.001, 0.2);
        e.commentRate = e.reactionRate * 0.08;
        e.cpmMinor = 700 * Math.exp(0.3 * z(seed, "segment-cpm", e.segment));
        e.audience = 400_000 * Math.exp(0.6 * z(seed, "segment-size", e.segment));
        e.initialised = true;
    }

    /** Unique people reached by n impressions in an audience (saturating). */
    public static long reach(double audience, long impressions) {
        if (impressions <= 0) return 0;
        double a = Math.max(1000, audience);
        return Math.max(1, Math.min(impressions, Math.round(a * (1 - Math.exp(-impressions / a)))));
    }

    /** Binomial draw: exact for small n, normal approximation above. */
    public static long binomial(SplittableRandom r, long n, double p) {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (n < 60) {
            long k = 0;
            for (long i = 0; i < n; i++) if (r.nextDouble() < p) k++;
            return k;
        }
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        return Math.max(0, Math.min(n, Math.round(mean + sd * gaussian(r))));
    }

    public static double gaussian(SplittableRandom r) {
        double u1 = Math.max(1e-12, r.nextDouble());
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
