package io.campaignengine.gateway.service;

import io.campaignengine.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which upstream serves a path: the most specific configured prefix that matches its leading path segments
 * ({@code /api/campaigns} serves {@code /api/campaigns} and {@code /api/campaigns/42}, never {@code /api/campaignsX}).
 * A {@code *} segment matches any one segment ({@code /api/businesses/*}{@code /connections}), so a service can own a
 * sub-resource of another service's resource. More segments win; with as many, fewer wildcards win.
 */
@Singleton // injected as it is (no client proxy in front of a lookup made for every request)
public class RouteTable {

    /** A routed service. */
    public record Upstream(String name, URI url, List<String> prefixes) {
        public String host() {
            return url.getHost();
        }

        public int port() {
            return url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        }

        public boolean tls() {
            return "https".equals(url.getScheme());
        }

        /** host:port, the Host header a forwarded request carries. */
        public String authority() {
            return host() + ":" + port();
        }
    }

    record Route(String prefix, String[] segments, int wildcards, Upstream upstream) {
        static Route of(String prefix, Upstream upstream) {
            String[] segments = RouteTable.segments(prefix);
            int wildcards = (int) java.util.Arrays.stream(segments).filter("*"::equals).count();
            return new Route(prefix, segments, wildcards, upstream);
        }

        /**
         * Whether the path's leading segments are this route's ({@code exact}: and it has no more). Compared in place,
         * without splitting the path: this runs for every request, up to three times.
         */
        boolean matches(String path, boolean exact) {
            int pos = path.startsWith("/") ? 1 : 0;
            if (segments.length == 0) {
                return !exact || pos >= path.length();
            }
            for (String segment : segments) {
                if (pos > path.length()) {
                    return false; // the path has fewer segments
                }
                int end = path.indexOf('/', pos);
                if (end < 0) {
                    end = path.length();
                }
                if (!segment.equals("*") && !(end - pos == segment.length() && path.regionMatches(pos, segment, 0, segment.length()))) {
                    return false;
                }
                pos = end + 1;
            }
            return !exact || pos > path.length();
        }
    }

    static String[] segments(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private final List<Upstream> upstreams;
    private final List<Route> routes;
    private final List<Route> publicRoutes;

    public RouteTable(GatewayConfig config) {
        List<Upstream> ups = new ArrayList<>();
        List<Route> rs = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        config.upstreams().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!e.getValue().enabled()) {
                return;
            }
            List<String> prefixes = e.getValue().routes().stream().map(RouteTable::normalize).toList();
            Upstream u = new Upstream(e.getKey(), URI.create(e.getValue().url()), prefixes);
            ups.add(u);
            for (String p : prefixes) {
                String previous = owner.put(p, u.name());
                if (previous != null) {
                    throw new IllegalStateException("route " + p + " is configured for both " + previous + " and " + u.name());
                }
                rs.add(Route.of(p, u));
            }
        });
        rs.sort(Comparator.comparingInt((Route r) -> -r.segments().length).thenComparingInt(Route::wildcards));
        this.upstreams = List.copyOf(ups);
        this.routes = List.copyOf(rs);
        this.publicRoutes = config.publicRoutes().stream().filter(p -> !p.isBlank() && !p.equals("none"))
                .map(p -> Route.of(normalize(p), null)).toList();
    }

    static String normalize(String prefix) {
        String p = prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The upstream for a request path (without the query string). */
    public Optional<Upstream> resolve(String path) {
        for (Route r : routes) {
            if (r.matches(path, false)) {
                return Optional.of(r.upstream());
            }
        }
        return Optional.empty();
    }

    /** A path whose protocol protects it (configured in public-routes, exact paths): no login needed at the gateway. */
    public boolean isPublic(String path) {
        for (Route r : publicRoutes) {
            if (r.matches(path, true)) {
                return true;
            }
        }
        return false;
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    /** Every routed prefix, most specific first ({@code *} segments included). */
    public List<String> prefixes() {
        return routes.stream().map(Route::prefix).toList();
    }
}
