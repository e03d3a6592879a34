package io.campaignengine.playbook.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** Activity details: key/value pairs in order, null values left out. */
final class Details {
    private Details() {
    }

    static Map<String, Object> of(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(String.valueOf(kv[i]), kv[i + 1]);
            }
        }
        return m;
    }
}
