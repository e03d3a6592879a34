package io.campaignengine.metasandbox.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graph's cursor paging: {@code {"data":[...],"paging":{"cursors":{"before","after"},"next"}}}. */
public final class Paging {

    private Paging() {
    }

    static String cursor(int index) {
        return Base64.getEncoder().withoutPadding().encodeToString(("sbx:" + index).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor, String name) {
        try {
            String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("sbx:")) throw new IllegalArgumentException();
            return Integer.parseInt(s.substring(4));
        } catch (IllegalArgumentException e) {
            throw GraphException.param("Invalid cursor in " + name);
        }
    }

    public static Map<String, Object> page(List<Map<String, Object>> rows, Ctx ctx) {
        Integer limit = ctx.params.getInt("limit");
        int size = limit == null ? 25 : Math.max(1, Math.min(limit, 500));
        int start = 0;
        int end;
        String after = ctx.params.get("after");
        String before = ctx.params.get("before");
        if (after != null) start = decode(after, "after") + 1;
        if (before != null) {
            end = decode(before, "before");
            start = Math.max(0, end - size);
        } else {
            end = Math.min(rows.size(), start + size);
        }
        start = Math.min(start, rows.size());
        end = Math.max(start, Math.min(end, rows.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", rows.subList(start, end));
        if (end > start) {
            Map<String, Object> paging = new LinkedHashMap<>();
            paging.put("cursors", Map.of("before", cursor(start), "after", cursor(end - 1)));
            if (end < rows.size()) paging.put("next", link(ctx, "after", cursor(end - 1)));
            if (start > 0) paging.put("previous", link(ctx, "before", cursor(start)));
            out.put("paging", paging);
        }
        return out;
    }

    private static String link(Ctx ctx, String key, String value) {
        StringBuilder sb = new StringBuilder(ctx.url).append('?');
        boolean first = true;
        for (Map.Entry<String, String> e : ctx.params.asMap().entrySet()) {
            if (e.getKey().equals("after") || e.getKey().equals("before")) continue;
            if (!first) sb.append('&');
            sb.append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            first = false;
        }
        if (!first) sb.append('&');
        sb.append(key).append('=').append(enc(value));
        if (ctx.bearer != null && !ctx.params.has("access_token")) sb.append("&access_token=").append(enc(ctx.bearer));
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
