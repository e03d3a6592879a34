package io.campaignengine.content.service;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** UTM-tagged CTA URLs: source = platform, medium = paid_social | social | email, campaign = campaign slug, content = content id. */
public final class Utm {
    private Utm() {
    }

    public static Map<String, String> params(String source, String medium, String campaign, String content) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("medium", medium);
        m.put("campaign", campaign);
        m.put("content", content);
        return m;
    }

    public static String medium(String platform, String contentType) {
        if ("email".equals(platform) || "email".equals(contentType)) {
            return "email";
        }
        return "ad".equals(contentType) ? "paid_social" : "social";
    }

    /** {@code base} with the utm_* parameters (replacing any already there), keeping its other query parameters and fragment. */
    public static String url(String base, Map<String, String> utm) {
        URI uri = URI.create(base.strip());
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                if (!part.isEmpty() && !part.startsWith("utm_")) {
                    query.append(query.isEmpty() ? "" : "&").append(part);
                }
            }
        }
        utm.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                query.append(query.isEmpty() ? "" : "&").append("utm_").append(k).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        String s = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        return s + "?" + query + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    public static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s.strip());
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
