package io.campaignengine.gateway;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cookie jar that behaves like a browser on http://127.0.0.1: loopback is a "potentially trustworthy" origin, so
 * {@code Secure} cookies (Keycloak marks its login cookies Secure) are still sent — java.net.CookieManager would drop
 * them over plain HTTP. Cookies are per host, not per port (as in browsers); paths are matched; Max-Age=0 deletes.
 */
final class BrowserCookies extends CookieHandler {
    private final Map<String, HttpCookie> jar = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        List<String> values = new ArrayList<>();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        for (HttpCookie c : jar.values()) {
            String cp = c.getPath() == null ? "/" : c.getPath();
            if (path.startsWith(cp) || (path + "/").equals(cp)) {
                values.add(c.getName() + "=" + c.getValue());
            }
        }
        return values.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", values)));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String v : values) {
                    for (HttpCookie c : HttpCookie.parse(v)) {
                        String key = c.getName() + "|" + (c.getPath() == null ? "/" : c.getPath());
                        if (c.getMaxAge() == 0) {
                            jar.remove(key);
                        } else {
                            jar.put(key, c);
                        }
                    }
                }
            }
        });
    }

    synchronized Optional<HttpCookie> named(String prefix) {
        return jar.values().stream().filter(c -> c.getName().startsWith(prefix)).findFirst();
    }
}
