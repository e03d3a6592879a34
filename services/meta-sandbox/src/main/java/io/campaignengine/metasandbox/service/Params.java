package io.campaignengine.metasandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters the way Graph reads them: query string, form-encoded or JSON body, all merged
 * (nested JSON values are kept as JSON text, as if they had been sent form-encoded).
 */
public final class Params {

    private final Map<String, String> values;

    public Params(Map<String, String> values) {
        this.values = values;
    }

    public static Params parse(Map<String, List<String>> query, String contentType, byte[] body, ObjectMapper mapper) {
        Map<String, String> v = new LinkedHashMap<>();
        query.forEach((k, l) -> { if (!l.isEmpty()) v.put(k, l.get(0)); });
        if (body != null && body.length > 0) {
            String ct = contentType == null ? "" : contentType.toLowerCase();
            String text = new String(body, StandardCharsets.UTF_8);
            if (ct.startsWith("application/json")) {
                try {
                    JsonNode node = mapper.readTree(text);
                    if (node == null || !node.isObject()) throw GraphException.param("The request body must be a JSON object");
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        JsonNode n = e.getValue();
                        if (!n.isNull()) v.put(e.getKey(), n.isValueNode() ? n.asText() : n.toString());
                    }
                } catch (GraphException e) {
                    throw e;
                } catch (Exception e) {
                    throw GraphException.param("Invalid JSON body: " + e.getMessage().split("\n")[0]);
                }
            } else if (ct.startsWith("multipart/form-data")) {
                parseMultipart(ct, text, v);
            } else {
                // form-encoded is what Meta's SDKs send; accept it for any other content type too
                for (String pair : text.split("&")) {
                    if (pair.isEmpty()) continue;
                    int i = pair.indexOf('=');
                    String k = URLDecoder.decode(i < 0 ? pair : pair.substring(0, i), StandardCharsets.UTF_8);
                    String val = i < 0 ? "" : URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8);
                    v.put(k, val);
                }
            }
        }
        return new Params(v);
    }

    /** Text parts of a multipart body (file parts are kept as text too; the sandbox only reads text fields). */
    private static void parseMultipart(String ct, String text, Map<String, String> v) {
        int b = ct.indexOf("boundary=");
        if (b < 0) return;
        String boundary = "--" + ct.substring(b + 9).replace("\"", "").split(";")[0].trim();
        for (String part : text.split(java.util.regex.Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) continue;
            String headers = part.substring(0, headerEnd);
            var m = java.util.regex.Pattern.compile("name=\"([^\"]+)\"").matcher(headers);
            if (!m.find()) continue;
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) value = value.substring(0, value.length() - 2);
            v.put(m.group(1), value);
        }
    }

    public String get(String name) {
        String s = values.get(name);
        return s == null || s.isEmpty() ? null : s;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public String required(String name) {
        String s = get(name);
        if (s == null) throw GraphException.param("The parameter " + name + " is required");
        return s;
    }

    public Long getLong(String name) {
        String s = get(name);
        if (s == null) return null;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw GraphException.param("Param " + name + " must be a number");
        }
    }

    public Integer getInt(String name) {
        Long l = getLong(name);
        return l == null ? null : l.intValue();
    }

    /** Graph's booleans: true/false, 1/0. */
    public Boolean getBool(String name) {
        String s = get(name);
        if (s == null) return null;
        return switch (s.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw GraphException.param("Param " + name + " must be a boolean");
        };
    }

    public Map<String, String> asMap() {
        return values;
    }
}
