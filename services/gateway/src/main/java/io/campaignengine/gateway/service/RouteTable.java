package io.campaignengine.gateway.service;

import io.campaignengine.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which upstream serves a path: the longest configured prefix that matches the path exactly or up to a "/"
 * ({@code /api/campaigns} serves {@code /api/campaigns} and {@code /api/campaigns/42}, never {@code /api/campaignsX}).
 */
@ApplicationScoped
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
    }

    record Route(String prefix, Upstream upstream) {
    }

    private final List<Upstream> upstreams;
    private final List<Route> routes;

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
                rs.add(new Route(p, u));
            }
        });
        rs.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        this.upstreams = List.copyOf(ups);
        this.routes = List.copyOf(rs);
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
            if (path.equals(r.prefix()) || path.startsWith(r.prefix() + "/")) {
                return Optional.of(r.upstream());
            }
        }
        return Optional.empty();
    }

    public List<Upstream> upstreams() {
        return upstreams;
    }

    /** Every routed prefix, longest first. */
    public List<String> prefixes() {
        return routes.stream().map(Route::prefix).toList();
    }
}
