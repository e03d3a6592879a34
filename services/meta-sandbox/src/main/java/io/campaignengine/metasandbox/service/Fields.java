package io.campaignengine.metasandbox.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code fields=} selection: {@code id,name,creative{id,name},targeting}. Unknown fields fail like Meta. */
public final class Fields {

    private Fields() {
    }

    /** Top-level names with their nested selection (null when none). */
    /** The top-level items of a selection, raw (commas inside braces or parentheses do not split). */
    public static List<String> items(String spec) {
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        List<String> items = new ArrayList<>();
        for (char c : spec.toCharArray()) {
            if (c == '{' || c == '(') depth++;
            if (c == '}' || c == ')') depth--;
            if (c == ',' && depth == 0) {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        items.add(cur.toString());
        return items;
    }

    public static Map<String, String> parse(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return out;
        for (String item : items(spec)) {
            String s = item.trim();
            if (s.isEmpty()) continue;
            int brace = s.indexOf('{');
            int dot = s.indexOf('.');
            int paren = s.indexOf('(');
            int end = s.length();
            for (int i : new int[]{brace, dot, paren}) if (i >= 0 && i < end) end = i;
            String name = s.substring(0, end).trim();
            String sub = brace >= 0 && s.endsWith("}") ? s.substring(brace + 1, s.length() - 1) : null;
            out.put(name, sub);
        }
        return out;
    }

    /**
     * Selects from a node's full field map: the defaults when no {@code fields} were asked for, else the asked ones
     * (id always first). Null values are left out, as Meta leaves out fields without a value.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> select(Map<String, Object> all, Set<String> defaults, String spec, String nodeType) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            for (String d : defaults) if (all.get(d) != null) out.put(d, all.get(d));
            return out;
        }
        Map<String, String> asked = parse(spec);
        if (all.containsKey("id") && all.get("id") != null) out.put("id", all.get("id"));
        for (Map.Entry<String, String> e : asked.entrySet()) {
            String f = e.getKey();
            if (!all.containsKey(f)) throw GraphException.nonexistingField(f, nodeType);
            Object v = all.get(f);
            if (v == null) continue;
            if (e.getValue() != null && v instanceof Map<?, ?> m) {
                Map<String, String> subAsked = parse(e.getValue());
                Map<String, Object> sub = new LinkedHashMap<>();
                for (String k : subAsked.keySet()) if (((Map<String, Object>) m).get(k) != null) sub.put(k, m.get(k));
                v = sub;
            }
            out.put(f, v);
        }
        return out;
    }
}
